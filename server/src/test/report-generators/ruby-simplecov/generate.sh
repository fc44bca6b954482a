#!/bin/sh
# Debian's ruby, ruby-minitest and ruby-simplecov (apt-get install ruby-simplecov ruby-minitest).
# SimpleCov always writes coverage/.resultset.json; Debian's package has no JSON formatter gem.
set -eu
cd "$(dirname "$0")"
ruby test/inventory_test.rb

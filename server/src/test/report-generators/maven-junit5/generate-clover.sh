#!/bin/sh
# OpenClover 4.5.2 from Maven Central instruments the same project; writes target/site/clover/clover.xml.
set -eu
cd "$(dirname "$0")"
mvn -B -q org.openclover:clover-maven-plugin:4.5.2:setup test org.openclover:clover-maven-plugin:4.5.2:clover \
    -Dmaven.clover.generateXml=true -Dmaven.clover.generateHtml=false

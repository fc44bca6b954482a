#!/bin/sh
# Debian's mono-mcs, libnunit-cil-dev and nunit-console (NUnit 2.6).
set -u
cd "$(dirname "$0")"
mkdir -p out
mcs -target:library -out:out/Example.Tests.dll -r:/usr/lib/cli/nunit.framework-2.6.3/nunit.framework.dll InventoryTests.cs
nunit-console out/Example.Tests.dll -xml=out/TestResult.xml -nologo

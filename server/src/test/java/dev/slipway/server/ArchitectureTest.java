package dev.slipway.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package rules of STYLE.md: infrastructure ({@code config}, {@code http}, {@code db}) never uses a feature, and
 * no two packages depend on each other in a cycle.
 */
class ArchitectureTest
{
    private static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.slipway.server");

    @Test
    void infrastructureNeverImportsFeatures()
    {
        noClasses().that().resideInAnyPackage("dev.slipway.server.config..", "dev.slipway.server.http..", "dev.slipway.server.db..")
                .should().dependOnClassesThat(
                        DescribedPredicate.describe("are in a feature package", javaClass ->
                                javaClass.getPackageName().startsWith("dev.slipway.server.")
                                        && !javaClass.getPackageName().matches("dev\\.slipway\\.server\\.(bootstrap|config|http|db)(\\..*)?")))
                .because("infrastructure packages serve every feature and must not know any (STYLE.md)")
                .check(SERVER);
    }

    @Test
    void infrastructureNeverImportsBootstrap()
    {
        noClasses().that().resideInAnyPackage("dev.slipway.server.config..", "dev.slipway.server.http..", "dev.slipway.server.db..")
                .should().dependOnClassesThat().resideInAPackage("dev.slipway.server.bootstrap..")
                .because("only bootstrap sees the injector and assembles the others")
                .check(SERVER);
    }

    @Test
    void everyApiMethodNamesTheActionItPerforms()
    {
        methods().that().areAnnotatedWith(jakarta.ws.rs.GET.class)
                .or().areAnnotatedWith(jakarta.ws.rs.POST.class)
                .or().areAnnotatedWith(jakarta.ws.rs.PUT.class)
                .or().areAnnotatedWith(jakarta.ws.rs.DELETE.class)
                .or().areAnnotatedWith(jakarta.ws.rs.PATCH.class)
                .should().beAnnotatedWith(dev.slipway.server.http.Permission.class)
                .because("the security feature authorises every request by the method's action (http.Permission)")
                .check(SERVER);
    }

    @Test
    void theClientCommandsReachTheServerOnlyOverHttp()
    {
        noClasses().that().resideInAPackage("dev.slipway.server.cli..")
                .should().dependOnClassesThat(DescribedPredicate.describe("are the server's, other than the build statuses and their exit codes",
                        javaClass -> javaClass.getPackageName().startsWith("dev.slipway.server.")
                                && !javaClass.getPackageName().startsWith("dev.slipway.server.cli")
                                && !javaClass.getName().equals("dev.slipway.server.build.engine.BuildStatus")
                                && !javaClass.getName().equals("dev.slipway.server.run.RunExitCodes")))
                .because("slipway projects and slipway builds are clients of the REST API, like any script (docs/cli.md)")
                .check(SERVER);
    }

    @Test
    void packagesAreFreeOfCycles()
    {
        slices().matching("dev.slipway.server.(*)..").should().beFreeOfCycles().check(SERVER);
    }
}

package dev.agh.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package table of docs/ARCHITECTURE.md, as the code layers it. One deliberate adjustment to the table: {@code service} uses
 * {@code api}, because the service port takes and returns the wire records; and since those records carry
 * {@code JsonNode} (metadata, results), the layers that build or read them ({@code service}, {@code cli}) may use
 * Jackson's tree model too. Adapters ({@code store.jdbi}, {@code http}) may log through slf4j.
 */
class LayeringTest {
    private static final String JDK = "java..";
    private static final String DOMAIN = "dev.agh.domain..";
    private static final String STORE_PORT = "dev.agh.store";
    private static final String API = "dev.agh.api..";
    private static final String SERVICE = "dev.agh.service..";
    private static final String OBSERVE = "dev.agh.observe..";
    private static final String JACKSON = "com.fasterxml.jackson..";
    private static final String JACKSON_TREE = "com.fasterxml.jackson.databind..";

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.agh");
        assertThat(main).as("main classes of dev.agh").isNotEmpty();
    }

    private static void check(ArchRule rule) {
        rule.check(main);
    }

    private static ArchRule onlyUses(String layer, String... allowed) {
        return classes()
                .that()
                .resideInAPackage(layer)
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(allowed);
    }

    @Test
    void domainUsesOnlyTheJdk() {
        check(onlyUses("dev.agh.domain..", JDK, DOMAIN));
    }

    @Test
    void storePortUsesOnlyTheDomain() {
        check(onlyUses(STORE_PORT, JDK, DOMAIN, STORE_PORT));
    }

    @Test
    void jdbiStoreUsesStoreDomainJdbiHikariAndJdbc() {
        // slf4j: an adapter may log (group commit reports failed batches); logging is not a layer.
        // org.h2: the writer compacts the embedded file (H2Compaction); org.postgresql: LISTEN/NOTIFY
        // (PgCommitNotices).
        check(onlyUses(
                "dev.agh.store.jdbi..",
                JDK,
                DOMAIN,
                STORE_PORT,
                "dev.agh.store.jdbi..",
                "org.jdbi..",
                "com.zaxxer.hikari..",
                "org.slf4j..",
                "org.h2..",
                "org.postgresql.."));
    }

    @Test
    void apiUsesDomainAndJackson() {
        check(onlyUses("dev.agh.api..", JDK, DOMAIN, API, JACKSON));
    }

    @Test
    void serviceUsesDomainStorePortApiAndObserve() {
        // The local service answers the live views through the read models of observe (docs/ARCHITECTURE.md).
        check(onlyUses("dev.agh.service..", JDK, DOMAIN, STORE_PORT, API, SERVICE, OBSERVE, JACKSON_TREE));
    }

    @Test
    void serviceNeverSeesTheJdbiImplementation() {
        check(noClasses()
                .that()
                .resideInAPackage("dev.agh.service..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.agh.store.jdbi..", "org.jdbi..", "com.zaxxer..", "java.sql.."));
    }

    @Test
    void observeUsesDomainStorePortAndApi() {
        check(onlyUses("dev.agh.observe..", JDK, DOMAIN, STORE_PORT, API, OBSERVE, JACKSON_TREE)
                .allowEmptyShould(true));
    }

    @Test
    void httpUsesServiceApiDomainJavalinServletAndSlf4j() {
        // jakarta.servlet: the SSE stream writes and flushes the raw response, which Javalin's buffering
        // ctx.outputStream() cannot do. org.eclipse.jetty.server: closing stops Jetty's listeners before the
        // streams end, which Javalin's stop() does not offer; its ErrorHandler (with org.eclipse.jetty.http's
        // fields) writes Jetty's own refusals (414, 431, bad requests) in the API's JSON error format;
        // org.eclipse.jetty.io: a stream's connection is closed under a write blocked on a reader that stopped, and
        // a waiting claim's connection is probed for a client that went away.
        check(onlyUses(
                "dev.agh.http..",
                JDK,
                SERVICE,
                API,
                DOMAIN,
                "dev.agh.http..",
                "io.javalin..",
                "jakarta.servlet..",
                "org.eclipse.jetty.server..",
                "org.eclipse.jetty.servlet..",
                "org.eclipse.jetty.http..",
                "org.eclipse.jetty.io..",
                "org.eclipse.jetty.util..",
                "org.slf4j.."));
    }

    @Test
    void clientUsesServiceApiDomainAndTheJdkHttpClient() {
        check(onlyUses("dev.agh.client..", JDK, SERVICE, API, DOMAIN, "dev.agh.client.."));
    }

    @Test
    void cliUsesServiceApiDomainAppTuiAndPicocli() {
        check(onlyUses(
                "dev.agh.cli..",
                JDK,
                SERVICE,
                API,
                DOMAIN,
                "dev.agh.app..",
                "dev.agh.tui..",
                "dev.agh.worker..",
                "dev.agh.cli..",
                "picocli..",
                JACKSON_TREE));
    }

    @Test
    void workerUsesServiceApiAndDomain() {
        // Jackson's tree model: a run's result is the JSON object the command printed.
        check(onlyUses("dev.agh.worker..", JDK, SERVICE, API, DOMAIN, "dev.agh.worker..", JACKSON_TREE));
    }

    @Test
    void tuiUsesServiceApiDomainObserveAndJline() {
        check(onlyUses("dev.agh.tui..", JDK, SERVICE, API, DOMAIN, OBSERVE, "dev.agh.tui..", "org.jline..")
                .allowEmptyShould(true));
    }

    @Test
    void appUsesAnythingButTheFrontEnds() {
        check(noClasses()
                .that()
                .resideInAPackage("dev.agh.app..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.agh.cli..", "dev.agh.tui..", "dev.agh.worker.."));
    }

    @Test
    void topLevelPackagesAreFreeOfCycles() {
        check(slices().matching("dev.agh.(*)..").should().beFreeOfCycles());
    }

    @Test
    void noVagueClassNames() {
        check(noClasses()
                .should()
                .haveSimpleNameEndingWith("Manager")
                .orShould()
                .haveSimpleNameEndingWith("Helper")
                .orShould()
                .haveSimpleNameEndingWith("Util")
                .orShould()
                .haveSimpleNameEndingWith("Utils")
                .orShould()
                .haveSimpleNameEndingWith("Impl"));
    }

    @Test
    void everyMainPackageHasAPackageInfo() throws IOException {
        // javac writes no package-info.class for an unannotated package-info.java, so look at the sources.
        Path sources = Path.of(System.getProperty("user.dir"), "src", "main", "java");
        TreeSet<String> missing = new TreeSet<>();
        TreeSet<String> packages = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            List<Path> directories = files.filter(f -> f.toString().endsWith(".java"))
                    .map(Path::getParent)
                    .distinct()
                    .toList();
            for (Path directory : directories) {
                String name = sources.relativize(directory).toString().replace(java.io.File.separatorChar, '.');
                packages.add(name);
                if (!Files.isRegularFile(directory.resolve("package-info.java"))) {
                    missing.add(name);
                }
            }
        }
        main.stream()
                .map(c -> c.getPackageName())
                .filter(p -> p.startsWith("dev.agh"))
                .forEach(p -> {
                    if (!packages.contains(p)) {
                        missing.add(p + " (classes without sources under src/main/java)");
                    }
                });
        assertThat(packages).as("packages under %s", sources).contains("dev.agh.domain", "dev.agh.cli");
        assertThat(missing).as("packages without package-info.java").isEmpty();
    }
}

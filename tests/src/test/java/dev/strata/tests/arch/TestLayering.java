package dev.strata.tests.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The module graph of DESIGN.md and STYLE.md §7.1, enforced on the production classes of every
 * module (test classes excluded): {@code spi} below everything, {@code storage} and
 * {@code engine} side by side and blind to each other, front-ends above {@code engine} and
 * blind to the store, {@code server} the only place that wires everything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
final class TestLayering {
    private static final String CALCITE = "org.apache.calcite..";
    private static final String NETTY = "io.netty..";
    private static final String SHADED_NETTY = "io.grpc.netty.shaded..";
    private static final String SPI = "dev.strata.spi..";
    private static final String STORAGE = "dev.strata.storage..";
    private static final String INGEST = "dev.strata.ingest..";
    private static final String ENGINE = "dev.strata.engine..";
    private static final String SERVER = "dev.strata.server..";
    private static final String[] FRONT_ENDS = {"dev.strata.sql..", "dev.strata.promql..", "dev.strata.logql..", "dev.strata.traceql.."};

    private JavaClasses classes;

    @BeforeAll
    void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.strata");
    }

    @Test
    void importsTheModulesThatExist() {
        // a rule over nothing proves nothing: the foundation modules must be on the class path
        assertThat(classes.stream().map(c -> c.getPackageName()))
                .anyMatch(p -> p.startsWith("dev.strata.spi"))
                .anyMatch(p -> p.startsWith("dev.strata.storage"))
                .anyMatch(p -> p.startsWith("dev.strata.ingest"));
    }

    @Test
    void spiPullsInNeitherCalciteNorNettyNorAnyModule() {
        check(noClasses().that().resideInAPackage(SPI).should().dependOnClassesThat()
                .resideInAnyPackage(CALCITE, NETTY, SHADED_NETTY, STORAGE, INGEST, ENGINE, SERVER,
                        FRONT_ENDS[0], FRONT_ENDS[1], FRONT_ENDS[2], FRONT_ENDS[3]));
    }

    @Test
    void storageKnowsNoQueryLanguageNorWhatIsAboveIt() {
        check(noClasses().that().resideInAPackage(STORAGE).should().dependOnClassesThat()
                .resideInAnyPackage(CALCITE, ENGINE, SERVER, INGEST,
                        FRONT_ENDS[0], FRONT_ENDS[1], FRONT_ENDS[2], FRONT_ENDS[3]));
    }

    @Test
    void ingestNeverReachesTheEngineOrServer() {
        check(noClasses().that().resideInAPackage(INGEST).should().dependOnClassesThat()
                .resideInAnyPackage(ENGINE, SERVER, CALCITE,
                        FRONT_ENDS[0], FRONT_ENDS[1], FRONT_ENDS[2], FRONT_ENDS[3]));
    }

    @Test
    void engineSeesNeitherStorageNorHttp() {
        check(noClasses().that().resideInAPackage(ENGINE).should().dependOnClassesThat()
                .resideInAnyPackage(STORAGE, SERVER, INGEST, NETTY, SHADED_NETTY,
                        FRONT_ENDS[0], FRONT_ENDS[1], FRONT_ENDS[2], FRONT_ENDS[3]));
    }

    @Test
    void frontEndsNeverSeeTheStoreOrServer() {
        check(noClasses().that().resideInAnyPackage(FRONT_ENDS).should().dependOnClassesThat()
                .resideInAnyPackage(STORAGE, SERVER, INGEST, NETTY, SHADED_NETTY));
    }

    @Test
    void frontEndsTranslateSeriesQueriesButNeverEvaluateThem() {
        // DESIGN: a front-end builds the series RelNodes and hands them to the engine's executor;
        // the operators and kernels that evaluate them are the engine's alone
        check(noClasses().that().resideInAnyPackage(FRONT_ENDS).should().dependOnClassesThat(
                resideInAPackage("dev.strata.engine.series.exec..").and(not(simpleName("SeriesPlanExecutor")))));
    }

    private void check(ArchRule rule) {
        // modules whose issue has not come yet hold no classes: an empty rule is fine there
        rule.allowEmptyShould(true).check(classes);
    }
}

package org.breachline;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The "may use" column of design.md's package table, for the features that share storage-level pieces: what each must
 * not reach into. Shared infrastructure (http, db, audit, auth, crypto, text) is open to all.
 */
@AnalyzeClasses(packages = "org.breachline", importOptions = ImportOption.DoNotIncludeTests.class)
class FeatureDependenciesTest {

    @ArchTest
    static final ArchRule hooksUseOnlyIncident = noClasses().that().resideInAPackage("org.breachline.hooks..")
            .should().dependOnClassesThat().resideInAnyPackage("org.breachline.people..", "org.breachline.notify..",
                    "org.breachline.obligation..", "org.breachline.reports..", "org.breachline.web..")
            .because("design.md: hooks may use incident only (and the shared infrastructure)");

    @ArchTest
    static final ArchRule peopleUseOnlyIncident = noClasses().that().resideInAPackage("org.breachline.people..")
            .should().dependOnClassesThat().resideInAnyPackage("org.breachline.hooks..", "org.breachline.notify..",
                    "org.breachline.obligation..", "org.breachline.reports..", "org.breachline.web..")
            .because("design.md: people may use incident and audit only (and the shared infrastructure)");

    @ArchTest
    static final ArchRule incidentUsesNoFeature = noClasses().that().resideInAPackage("org.breachline.incident..")
            .should().dependOnClassesThat().resideInAnyPackage("org.breachline.hooks..", "org.breachline.notify..",
                    "org.breachline.people..", "org.breachline.obligation..", "org.breachline.reports..",
                    "org.breachline.web..")
            .because("design.md: incident is used by the features, and reaches them only through IncidentListener");

    @ArchTest
    static final ArchRule cryptoIsSelfContained = classes().that().resideInAPackage("org.breachline.crypto..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax..", "org.breachline.crypto..")
            .because("encryption at rest is shared, so it depends on nothing of the app");
}

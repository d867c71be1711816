package org.breachline.rules;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The rules engine stays pure: only the JDK, Jackson and jollyday, nothing of the application or its frameworks but
 * the text helpers, which are themselves only the JDK.
 */
@AnalyzeClasses(packages = {"org.breachline.rules", "org.breachline.text"}, importOptions = ImportOption.DoNotIncludeTests.class)
class RulesArchitectureTest {

    @ArchTest
    static final ArchRule onlyJavaJacksonAndJollyday = classes().that().resideInAPackage("org.breachline.rules..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "com.fasterxml.jackson..", "de.focus_shift.jollyday..",
                    "org.breachline.rules..", "org.breachline.text..")
            .because("the rules engine is a pure function with no Dropwizard, JDBI, Jakarta or other app code");

    @ArchTest
    static final ArchRule textHelpersAreOnlyTheJdk = classes().that().resideInAPackage("org.breachline.text..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.breachline.text..")
            .because("the rules engine may use them and must stay pure");
}

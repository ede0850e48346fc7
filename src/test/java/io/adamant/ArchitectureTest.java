package io.adamant;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.repository.Repository;
import org.springframework.web.bind.annotation.RestController;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps features behind their facades: each package's controller, entity and repository
 * stay package-private, features do not depend on each other in cycles, and only the
 * training and dataset features touch DL4J.
 */
class ArchitectureTest {

	private static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.adamant");

	@Test
	void featuresDoNotDependOnEachOtherInCycles() {
		slices().matching("io.adamant.(*)..").should().beFreeOfCycles().check(classes);
	}

	@Test
	void entitiesRepositoriesAndControllersArePackagePrivate() {
		classes().that().areAnnotatedWith(Entity.class).should().notBePublic().check(classes);
		classes().that().areAssignableTo(Repository.class).should().notBePublic().check(classes);
		classes().that().areAnnotatedWith(RestController.class).should().notBePublic().check(classes);
	}

	@Test
	void onlyTrainingAndDatasetsUseDl4j() {
		noClasses().that()
			.resideInAnyPackage("io.adamant.api..", "io.adamant.job..", "io.adamant.queue..", "io.adamant.metrics..",
					"io.adamant.checkpoint..", "io.adamant.database..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.deeplearning4j..", "org.nd4j..")
			.check(classes);
	}

	@Test
	void injectionIsThroughConstructorsOnly() {
		noFields().should().beAnnotatedWith(Autowired.class).check(classes);
	}

}

package id.go.jemberkab.platform.citizen;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.mapping.Document;

/** Features are packages that do not lean on each other in circles; documents stay inside their feature. */
class ArchitectureTest {

  private final JavaClasses classes = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("id.go.jemberkab.platform.citizen");

  @Test
  void featurePackagesHaveNoCycles() {
    slices().matching("id.go.jemberkab.platform.citizen.(*)..").should().beFreeOfCycles().check(classes);
  }


  @Test
  void mongoDocumentsAreNotPublic() {
    classes().that().areAnnotatedWith(Document.class).should().notBePublic().check(classes);
  }
}

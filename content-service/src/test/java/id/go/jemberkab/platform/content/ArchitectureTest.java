package id.go.jemberkab.platform.content;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.mapping.Document;

/** The feature packages stay apart: channels know nothing of the workflow, and documents never leave. */
class ArchitectureTest {

  private final JavaClasses classes = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("id.go.jemberkab.platform.content");

  @Test
  void featurePackagesHaveNoCycles() {
    slices().matching("id.go.jemberkab.platform.content.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void channelAdaptersKnowNoWorkflowAndTheIntakeKnowsNeither() {
    noClasses().that().resideInAPackage("..content.channel..")
        .should().dependOnClassesThat().resideInAnyPackage("..content.publishing..", "..content.engagement..")
        .check(classes);
    noClasses().that().resideInAPackage("..content.engagement..")
        .should().dependOnClassesThat().resideInAnyPackage("..content.publishing..", "..content.channel..")
        .check(classes);
  }

  @Test
  void mongoDocumentsAreNotPublic() {
    classes().that().areAnnotatedWith(Document.class).should().notBePublic().check(classes);
  }
}

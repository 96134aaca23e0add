package id.go.jemberkab.platform.testsupport;

import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/** Registered in {@code META-INF/spring.factories}; acts on test classes carrying {@link UsesBackbone}. */
public class BackboneContextCustomizerFactory implements ContextCustomizerFactory {

  @Override
  public ContextCustomizer createContextCustomizer(Class<?> testClass,
      List<ContextConfigurationAttributes> configAttributes) {
    if (!MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
        .isPresent(UsesBackbone.class)) {
      return null;
    }
    return new BackboneCustomizer();
  }

  /** All backbone tests share one customizer identity, so Spring may cache and reuse their contexts. */
  private static final class BackboneCustomizer implements ContextCustomizer {

    @Override
    public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
        org.springframework.test.context.MergedContextConfiguration mergedConfig) {
      Backbone backbone = Backbone.get();
      context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("backbone", Map.of(
          "spring.kafka.bootstrap-servers", backbone.kafkaBootstrap(),
          "spring.mongodb.uri", backbone.mongoUri())));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof BackboneCustomizer;
    }

    @Override
    public int hashCode() {
      return BackboneCustomizer.class.hashCode();
    }
  }
}

package id.go.jemberkab.platform.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompilersTest {

  @Test
  void readsTheCompileTimeFromAnActuatorExposition() {
    String exposition = """
        # HELP jvm_compilation_time_ms_total The approximate accumulated elapsed time spent in compilation
        # TYPE jvm_compilation_time_ms_total counter
        jvm_compilation_time_ms_total{application="gateway",compiler="HotSpot 64-Bit Tiered Compilers"} 98187.0
        jvm_compilation_time_ms{application="gateway"} 5.0
        jvm_gc_pause_seconds_count{action="end of minor GC",application="gateway"} 1.2E3
        """;
    assertThat(Compilers.compileMillis(exposition)).isEqualTo(98_187);
    assertThat(Compilers.compileMillis("jvm_compilation_time_ms_total{compiler=\"a\"} 1.5E4\n"
        + "jvm_compilation_time_ms_total{compiler=\"b\"} 10\n")).isEqualTo(15_010);
  }

  @Test
  void saysSoWhenAProcessDoesNotExportIt() {
    assertThat(Compilers.compileMillis("process_uptime_seconds 12.0\n")).isEqualTo(-1);
  }
}

package dev.studiolifecycle.local.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * Lambda developer guide, "Building Lambda functions with Java": each Java runtime with the newest
 * class file version its JVM loads and the day from which Lambda blocks creating functions on it.
 */
class JavaRuntimeTest {

  @Test
  void
      theAmazonLinux2RuntimesTakeNewFunctionsUntilTheThirtiethOfJuly2027AndNotFromTheThirtyFirst() {
    for (String id : new String[] {"java17", "java11", "java8.al2"}) {
      JavaRuntime runtime = JavaRuntime.byId(id).orElseThrow();
      assertThat(runtime.createRefusal(LocalDate.parse("2027-07-30"))).as(id).isEmpty();
      assertThat(runtime.createRefusal(LocalDate.parse("2027-07-31")))
          .as(id)
          .hasValue(
              "The runtime parameter of "
                  + id
                  + " is no longer supported for creating or updating AWS Lambda functions. We"
                  + " recommend you use a supported runtime while creating or updating functions."
                  + " (deprecated 2027-06-30, creating functions blocked from 2027-07-31)");
    }
  }

  @Test
  void java21AndJava25TakeNewFunctionsUntilTheThirtiethOfJuly2029() {
    for (JavaRuntime runtime : new JavaRuntime[] {JavaRuntime.JAVA21, JavaRuntime.JAVA25}) {
      assertThat(runtime.createRefusal(LocalDate.parse("2029-07-30"))).isEmpty();
      assertThat(runtime.createRefusal(LocalDate.parse("2029-07-31"))).isPresent();
    }
  }

  @Test
  void eachRuntimeLoadsTheClassFileVersionOfItsJava() {
    assertThat(JavaRuntime.byId("java8.al2").orElseThrow().classFileVersion()).isEqualTo(52);
    assertThat(JavaRuntime.byId("java11").orElseThrow().classFileVersion()).isEqualTo(55);
    assertThat(JavaRuntime.byId("java17").orElseThrow().classFileVersion()).isEqualTo(61);
    assertThat(JavaRuntime.byId("java21").orElseThrow().classFileVersion()).isEqualTo(65);
    assertThat(JavaRuntime.byId("java25").orElseThrow().classFileVersion()).isEqualTo(69);
  }

  /**
   * The Amazon Linux 2023 builds of Java 8, 11 and 17 ({@code java17.al2023}, ...) are not in the
   * developer guide's table the runtime follows; until they are, a template naming one is refused.
   */
  @Test
  void runtimesOutsideTheGuidesTableAreNotJavaRuntimesHere() {
    assertThat(JavaRuntime.byId("java17.al2023")).isEmpty();
    assertThat(JavaRuntime.byId("java8")).isEmpty();
    assertThat(JavaRuntime.ids()).isEqualTo("java25, java21, java17, java11, java8.al2");
  }
}

package dev.studiolifecycle.local.asl.path;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class PathNotFoundExceptionTest {

  @Test
  void describesTheFailureForAFieldAsStepFunctionsDoes() {
    ObjectNode input = JsonNodeFactory.instance.objectNode().put("flagged", false);
    PathNotFoundException e = new PathNotFoundException("$.user.id", input, "No results");

    assertThat(e.path()).isEqualTo("$.user.id");
    assertThat(e.document()).isSameAs(input);
    assertThat(e.getMessage())
        .isEqualTo(
            "The JSONPath '$.user.id' could not be found in the "
                + "input '{\"flagged\":false}': No results");
    assertThat(e.describeFor("InputPath"))
        .isEqualTo(
            "The JSONPath '$.user.id' specified for "
                + "the field 'InputPath' could not be found in the input '{\"flagged\":false}'");
  }
}

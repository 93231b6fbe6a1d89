package dev.studiolifecycle.local.asl.path;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

class PathContextTest {

  @Test
  void javaNullsBecomeJsonNullInputAndAnEmptyContext() {
    PathContext ctx = new PathContext(null, null);
    assertThat(ctx.input().isNull()).isTrue();
    assertThat(ctx.context()).isEqualTo(JsonNodeFactory.instance.objectNode());
  }

  @Test
  void withInputKeepsTheContextObject() {
    PathContext ctx =
        new PathContext(new TextNode("a"), JsonNodeFactory.instance.objectNode().put("k", 1));
    PathContext next = ctx.withInput(new TextNode("b"));
    assertThat(next.input()).isEqualTo(new TextNode("b"));
    assertThat(next.context()).isSameAs(ctx.context());
  }
}

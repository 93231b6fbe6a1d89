package dev.studiolifecycle.local.asl.intrinsic;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A parsed intrinsic function invocation, or one of its arguments. */
public sealed interface IntrinsicExpression {

  /** {@code States.Name(arg, ...)}. */
  record Call(IntrinsicFunction function, List<IntrinsicExpression> arguments)
      implements IntrinsicExpression {
    public Call {
      arguments = List.copyOf(arguments);
    }
  }

  /**
   * A quoted string literal. {@code raw} keeps the backslash escapes as written, because
   * States.Format must tell an escaped brace ({@code \{}) from a placeholder ({@code {}}).
   */
  record StringLiteral(String raw) implements IntrinsicExpression {

    /** The string with its escapes resolved: {@code \'} {@code \{} {@code \}} {@code \\}. */
    public String value() {
      StringBuilder sb = new StringBuilder(raw.length());
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c == '\\' && i + 1 < raw.length()) {
          sb.append(raw.charAt(++i));
        } else {
          sb.append(c);
        }
      }
      return sb.toString();
    }
  }

  /** A number, {@code true}, {@code false} or {@code null}. */
  record Literal(JsonNode value) implements IntrinsicExpression {}

  /** A path into the input ({@code $...}) or the Context object ({@code $$...}). */
  record PathArgument(String path) implements IntrinsicExpression {}
}

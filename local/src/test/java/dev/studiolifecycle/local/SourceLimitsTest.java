package dev.studiolifecycle.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The size limits the main code keeps so that a newcomer can read any one piece (issue 10, for
 * local/; functions/ keeps them too): no file of local/src/main or functions/src/main over 600
 * lines, no method or constructor over 60 lines, counted from its declaration to its closing brace.
 */
class SourceLimitsTest {

  private static final int MAX_FILE_LINES = 600;
  private static final int MAX_METHOD_LINES = 60;

  /**
   * A member declaration that opens a body: modifiers, a return type (none for a constructor, whose
   * name starts upper case), a name and its parameter list. Statements (if, for, return, new, an
   * assignment, a call) and type declarations are not.
   */
  private static final Pattern DECLARATION =
      Pattern.compile(
          "^\\s*(?:@\\w+(?:\\([^)]*\\))?\\s+)*"
              + "(?:(?:public|protected|private|static|final|abstract|synchronized|default)\\s+)*"
              + "(?:<[^>]+>\\s+)?(?:[\\w.<>\\[\\],? ]+\\s+)?(\\w+)\\s*\\(");

  private static final Pattern NOT_A_DECLARATION =
      Pattern.compile(
          "^\\s*(?:if|for|while|switch|catch|try|else|do|synchronized|return|new|case|throw)\\b"
              + "|^\\s*//|\\b(?:class|record|interface|enum)\\s|^[^(]*=|^\\s*[\\w.]+\\.\\w+\\(|"
              + "^\\s*[a-z]\\w*\\(");

  private static Path root() {
    String root = System.getProperty("studiolifecycle.projectRoot");
    assertThat(root).as("system property studiolifecycle.projectRoot").isNotNull();
    return Path.of(root);
  }

  private static List<Path> sources() throws IOException {
    List<Path> sources = new ArrayList<>();
    for (String main : List.of("local/src/main/java", "functions/src/main/java")) {
      try (Stream<Path> walk = Files.walk(root().resolve(main))) {
        walk.filter(file -> file.toString().endsWith(".java")).sorted().forEach(sources::add);
      }
    }
    assertThat(sources).as("main sources of local/ and functions/").hasSizeGreaterThan(100);
    return sources;
  }

  @Test
  void noMainFileIsOver600Lines() throws IOException {
    List<String> over = new ArrayList<>();
    for (Path file : sources()) {
      int lines = Files.readAllLines(file, StandardCharsets.UTF_8).size();
      if (lines > MAX_FILE_LINES) {
        over.add(root().relativize(file) + ": " + lines + " lines");
      }
    }
    assertThat(over).isEmpty();
  }

  @Test
  void noMainMethodIsOver60Lines() throws IOException {
    List<String> over = new ArrayList<>();
    for (Path file : sources()) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        Matcher declaration = DECLARATION.matcher(lines.get(i));
        if (declaration.find() && !NOT_A_DECLARATION.matcher(lines.get(i)).find()) {
          int length = bodyLength(lines, i);
          if (length > MAX_METHOD_LINES) {
            over.add(
                root().relativize(file)
                    + ":"
                    + (i + 1)
                    + " "
                    + declaration.group(1)
                    + ": "
                    + length
                    + " lines");
          }
        }
      }
    }
    assertThat(over).isEmpty();
  }

  @Test
  void theScanFindsALongMethodAndSkipsBracesInTextAndComments() {
    List<String> method = new ArrayList<>();
    method.add("  private static String render(List<String> items) {");
    method.add("    String open = \"{\"; // {");
    method.add("    char close = '}';");
    for (int i = 0; i < 60; i++) {
      method.add("    work(" + i + ");");
    }
    method.add("  }");
    method.add("  void next() {}");

    assertThat(DECLARATION.matcher(method.get(0)).find()).isTrue();
    assertThat(NOT_A_DECLARATION.matcher(method.get(0)).find()).isFalse();
    assertThat(NOT_A_DECLARATION.matcher("    if (ready(x)) {").find()).isTrue();
    assertThat(NOT_A_DECLARATION.matcher("    Runnable r = () -> run(x);").find()).isTrue();
    assertThat(NOT_A_DECLARATION.matcher("    work(1);").find()).isTrue();
    assertThat(NOT_A_DECLARATION.matcher("  MapRun(String arn) {").find()).isFalse();
    assertThat(bodyLength(method, 0)).isEqualTo(64);
  }

  /**
   * Lines from the declaration at {@code start} to the brace that closes its body; 0 for a
   * declaration without a body (abstract, interface, a call spanning lines).
   */
  private static int bodyLength(List<String> lines, int start) {
    int depth = 0;
    boolean opened = false;
    for (int i = start; i < lines.size(); i++) {
      String code = withoutTextAndComments(lines.get(i));
      if (!opened && code.contains(";") && !code.contains("{")) {
        return 0;
      }
      for (char c : code.toCharArray()) {
        if (c == '{') {
          depth++;
          opened = true;
        } else if (c == '}') {
          depth--;
        }
      }
      if (opened && depth == 0) {
        return i - start + 1;
      }
    }
    return 0;
  }

  private static String withoutTextAndComments(String line) {
    return line.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
        .replaceAll("'(\\\\.|[^'\\\\])*'", "''")
        .replaceAll("//.*", "");
  }
}

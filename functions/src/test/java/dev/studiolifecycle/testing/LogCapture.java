package dev.studiolifecycle.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.studiolifecycle.model.ModelJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.StringLayout;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * Captures what the project's and all other loggers write, with the production layout (the JSON
 * appender of log4j2.xml), so tests read the same JSON lines CloudWatch would get.
 */
public final class LogCapture implements AutoCloseable {

  private static final String PROJECT_LOGGER = "dev.studiolifecycle";

  private final StringWriter out = new StringWriter();
  private final WriterAppender appender;
  private final LoggerContext context;

  private LogCapture() {
    context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    StringLayout layout = (StringLayout) config.getAppender("JsonAppender").getLayout();
    appender = WriterAppender.createAppender(layout, null, out, "capture", false, true);
    appender.start();
    config.addAppender(appender);
    config.getLoggerConfig(PROJECT_LOGGER).addAppender(appender, null, null);
    config.getRootLogger().addAppender(appender, null, null);
    context.updateLoggers();
  }

  public static LogCapture start() {
    return new LogCapture();
  }

  /** Everything written so far, raw. */
  public String text() {
    return out.toString();
  }

  /** Every JSON log line written so far. */
  public List<JsonNode> lines() {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : text().split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      try {
        lines.add(ModelJson.readTree(line));
      } catch (IOException e) {
        throw new UncheckedIOException("not a JSON log line: " + line, e);
      }
    }
    return lines;
  }

  /** The last line whose message starts with {@code prefix}. */
  public JsonNode lastLineStartingWith(String prefix) {
    List<JsonNode> lines = lines();
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).path("message").asText().startsWith(prefix)) {
        return lines.get(i);
      }
    }
    throw new AssertionError("no log line starts with '" + prefix + "' in:\n" + text());
  }

  @Override
  public void close() {
    LoggerConfig logger = context.getConfiguration().getLoggerConfig(PROJECT_LOGGER);
    logger.removeAppender("capture");
    context.getConfiguration().getRootLogger().removeAppender("capture");
    context.getConfiguration().getAppenders().remove("capture");
    appender.stop();
    context.updateLoggers();
  }
}

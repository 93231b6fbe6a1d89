package dev.studiolifecycle.local.template;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What PutDashboard refuses (CloudWatch API reference, "Dashboard Body Structure and Syntax"). */
class DashboardChecksTest {

  private static final String WIDGET =
      "{'type': 'metric', 'x': 0, 'y': 0, 'width': 12, 'height': 6, 'properties': {'region':"
          + " 'us-east-1', 'metrics': [['AWS/SQS', 'NumberOfMessagesSent', 'QueueName', 'q'],"
          + " ['...', {'stat': 'Maximum'}], ['.', 'NumberOfMessagesDeleted', '.', '.']]}}";

  private static String body(String widgets) {
    return ("{'widgets': [" + widgets + "]}").replace('\'', '"');
  }

  @Test
  void aDashboardWrittenAsTheGuideWritesItIsTaken() {
    assertThatCode(() -> DashboardChecks.check("studio-lifecycle-operations", body(WIDGET), "D"))
        .doesNotThrowAnyException();
    assertThatCode(() -> DashboardChecks.check("empty", body(""), "D")).doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{'type': 'graph'} | .DashboardBody.widgets[0].type: must be one of alarm, custom,"
            + " explorer, log, metric, text, got 'graph'",
        "{'type': 'text', 'width': 25} | .DashboardBody.widgets[0].width: 25 is not a whole"
            + " number from 1 to 24",
        "{'type': 'text', 'x': 18, 'width': 12} | .DashboardBody.widgets[0]: x + width is 30;"
            + " the grid has 24 columns",
        "{'type': 'text', 'height': 0} | .DashboardBody.widgets[0].height: 0 is not a whole"
            + " number from 1 to 1000",
        "{'type': 'metric', 'properties': {'metrics': [['AWS/SQS', 'NumberOfMessagesSent',"
            + " 'QueueName']]}} | .DashboardBody.widgets[0].properties.metrics[0]: is not"
            + " [namespace, metric name, dimension name, dimension value, ...]: it has 3 strings",
        "{'type': 'metric', 'properties': {'metrics': [[{'stat': 'Sum'}, 'AWS/SQS', 'X']]}} |"
            + " .DashboardBody.widgets[0].properties.metrics[0]: the options object comes last",
      })
  void putDashboardRefuses(String widget, String message) {
    assertThatThrownBy(() -> DashboardChecks.check("ops", body(widget), "D"))
        .isInstanceOf(TemplateException.class)
        .hasMessage("D" + message.strip());
  }

  @Test
  void aBodyWithoutWidgetsOrANameWithSpacesIsRefused() {
    assertThatThrownBy(() -> DashboardChecks.check("ops", "{\"start\": \"-PT6H\"}", "D"))
        .isInstanceOf(TemplateException.class)
        .hasMessage("D.DashboardBody: needs a widgets array of at most 500 widgets");
    assertThatThrownBy(() -> DashboardChecks.check("my ops", body(""), "D"))
        .isInstanceOf(TemplateException.class)
        .hasMessageStartingWith("D.DashboardName: 'my ops' is not 1 to 255 letters");
  }
}

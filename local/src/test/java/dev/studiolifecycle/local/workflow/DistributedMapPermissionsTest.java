package dev.studiolifecycle.local.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.studiolifecycle.local.asl.engine.Execution;
import dev.studiolifecycle.local.asl.engine.ExecutionStatus;
import dev.studiolifecycle.local.runtime.LocalWorkflowRuntime;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reconcile's Distributed Map needs of its role what the developer guide's "IAM policies for
 * using Distributed Map states" gives as least privileges: {@code states:DescribeExecution} on the
 * state machine's executions to run the Map, and {@code s3:PutObject}, {@code s3:GetObject}, {@code
 * s3:ListMultipartUploadParts} and {@code s3:AbortMultipartUpload} on the objects its ResultWriter
 * writes (multipart uploads). A deployment whose reconcile role lacks one fails locally, as it
 * would on AWS, instead of passing every local test.
 */
class DistributedMapPermissionsTest {

  private static final String DESCRIBE_OWN_EXECUTIONS =
      "            - Sid: DescribeItsOwnExecutions\n"
          + "              Effect: Allow\n"
          + "              Action: states:DescribeExecution\n";
  private static final String RESULT_WRITER_ACTIONS =
      "Action: [s3:PutObject, s3:GetObject, s3:ListMultipartUploadParts,"
          + " s3:AbortMultipartUpload]\n"
          + "              Resource: !Sub ${ReconcileBucket.Arn}/reports/*";
  private static final String ROSTER =
      "userName,email,status,team\nlee-park,lee-park@example.com,ACTIVE,ml-platform\n";

  @TempDir Path project;

  /** What an APPLY of the roster ended with, and how many lifecycle executions it started. */
  private record Applied(Execution execution, long lifecycleExecutions) {}

  @Test
  void theTemplatesReconcileAppliesAPlanAndWritesItsReport() {
    deploy(Map.of());

    Applied applied = apply();

    assertThat(applied.execution().status())
        .as(applied.execution().cause().orElse(""))
        .isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(applied.lifecycleExecutions()).isEqualTo(1);
  }

  @Test
  void aRoleThatMayNotDescribeItsOwnExecutionsStartsNoChildOfTheMapRun() {
    deploy(
        Map.of(
            DESCRIBE_OWN_EXECUTIONS,
            "            - Sid: DescribeItsOwnExecutions\n"
                + "              Effect: Allow\n"
                + "              Action: states:ListExecutions\n"));

    Applied applied = apply();

    Execution execution = applied.execution();
    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).contains("States.Runtime");
    assertThat(execution.cause().orElseThrow())
        .contains("states:DescribeExecution")
        .contains(execution.executionArn());
    assertThat(applied.lifecycleExecutions()).as("lifecycle executions started").isZero();
  }

  @Test
  void aResultWriterThatMayOnlyPutObjectsFailsWithResultWriterFailed() {
    deploy(
        Map.of(
            RESULT_WRITER_ACTIONS,
            "Action: s3:PutObject\n"
                + "              Resource: !Sub ${ReconcileBucket.Arn}/reports/*"));

    Applied applied = apply();

    Execution execution = applied.execution();
    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.error()).contains("States.ResultWriterFailed");
    assertThat(execution.cause().orElseThrow()).contains("s3:GetObject").contains("/reports/");
  }

  private void deploy(Map<String, String> edits) {
    LifecycleSimulation.deployEdited(project, edits);
  }

  /** Applies a roster with one joiner in the reconcile scenario. */
  private Applied apply() {
    try (LifecycleSimulation simulation =
        LifecycleSimulation.of(project, "reconcile.json", Map.of())) {
      simulation.roster(ROSTER);
      Execution execution = simulation.reconcile("reconcile", "{\"mode\": \"APPLY\"}");
      LocalWorkflowRuntime runtime = simulation.runtime();
      long lifecycles =
          runtime.engine().executions().stream()
              .filter(e -> e.stateMachine().equals(runtime.lifecycleStateMachine()))
              .count();
      return new Applied(execution, lifecycles);
    }
  }
}

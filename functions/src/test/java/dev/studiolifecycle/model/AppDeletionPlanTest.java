package dev.studiolifecycle.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AppDeletionPlanTest {

  private static AppRef app(String name, String status) {
    return new AppRef("d-a", "jane", null, "JupyterLab", name, status);
  }

  @Test
  void awaitsWhatItDeletesAndWhatIsAlreadyDeleting() {
    AppDeletionPlan plan =
        AppDeletionPlan.of(
            "d-a",
            "jane",
            "200001",
            List.of(app("a", "InService")),
            List.of(app("b", "Deleting")),
            List.of(app("c", "Failed")),
            List.of());
    assertThat(plan.appsToAwait()).extracting(AppRef::appName).containsExactly("a", "b");
    assertThat(plan.hasAppsToDelete()).isTrue();
    assertThat(plan.hasAppsToAwait()).isTrue();
    assertThat(plan.hasSpacesToDelete()).isFalse();
  }

  @Test
  void anEmptyPlanHasNothingToDo() {
    AppDeletionPlan plan =
        AppDeletionPlan.of("d-a", "jane", null, List.of(), List.of(), List.of(), List.of());
    assertThat(plan.hasAppsToDelete()).isFalse();
    assertThat(plan.hasAppsToAwait()).isFalse();
    assertThat(plan.appsToAwait()).isEmpty();
  }
}

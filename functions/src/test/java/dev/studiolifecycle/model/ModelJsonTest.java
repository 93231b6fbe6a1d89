package dev.studiolifecycle.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelJsonTest {

  @Test
  void leavesNullFieldsOutLikeTheLambdaRuntime() {
    assertThat(ModelJson.toJson(new Correlation("hr-1", null)))
        .isEqualTo("{\"requestId\":\"hr-1\"}");
  }

  @Test
  void writesTheHomeEfsUidOfAnExistingProfileEvenWhenNullBecauseTheNotificationReadsIt() {
    assertThat(
            ModelJson.toJson(
                new ExistingProfile("arn:aws:sagemaker:p", "InService", true, null, null, null)))
        .contains("\"homeEfsFileSystemUid\":null")
        .doesNotContain("executionRoleArn");
  }

  @Test
  void readsRecordsBack() throws Exception {
    assertThat(
            ModelJson.fromJson(
                "{\"domainId\":\"d-a\",\"userProfileName\":\"u\"}", ProfileRef.class))
        .isEqualTo(new ProfileRef("d-a", "u"));
  }
}

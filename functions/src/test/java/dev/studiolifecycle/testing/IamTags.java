package dev.studiolifecycle.testing;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.iam.model.ListRoleTagsResponse;
import software.amazon.awssdk.services.iam.model.Tag;

/** IAM role tags as the SDK models them, from key-value pairs in the map's order. */
public final class IamTags {

  private IamTags() {}

  public static List<Tag> of(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  /** What ListRoleTags answers for a role with these tags. */
  public static ListRoleTagsResponse listed(Map<String, String> tags) {
    return ListRoleTagsResponse.builder().tags(of(tags)).build();
  }
}

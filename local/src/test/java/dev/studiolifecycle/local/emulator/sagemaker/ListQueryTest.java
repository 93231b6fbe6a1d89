package dev.studiolifecycle.local.emulator.sagemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.AwsServiceError;
import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.json.JsonInput;
import dev.studiolifecycle.local.emulator.json.Pages;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListQueryTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");

  private record Resource(String name, Instant created, Instant modified) {}

  /** Created in name order; modified in the opposite order. */
  private static final List<Resource> RESOURCES =
      List.of(
          new Resource("a", T0, T0.plusSeconds(30)),
          new Resource("b", T0.plusSeconds(10), T0.plusSeconds(20)),
          new Resource("c", T0.plusSeconds(20), T0.plusSeconds(10)));

  private static JsonInput input(String json) throws Exception {
    return JsonInput.of(MAPPER.readTree(json));
  }

  private static List<String> names(Pages.Page<Resource> page) {
    return page.items().stream().map(Resource::name).toList();
  }

  private static Pages.Page<Resource> pageOf(ListQuery query) {
    return query.page(RESOURCES, r -> true, Resource::created, Resource::modified);
  }

  @Test
  void listsNewestFirstByCreationTimeByDefault() throws Exception {
    ListQuery query = ListQuery.sorted(input("{}"), List.of("CreationTime", "LastModifiedTime"));

    assertThat(names(pageOf(query))).containsExactly("c", "b", "a");
  }

  @Test
  void sortsByLastModifiedTimeWhenAsked() throws Exception {
    ListQuery query =
        ListQuery.sorted(
            input("{\"SortBy\": \"LastModifiedTime\"}"),
            List.of("CreationTime", "LastModifiedTime"));

    assertThat(names(pageOf(query))).containsExactly("a", "b", "c");
  }

  @Test
  void sortsInAscendingOrderWhenAsked() throws Exception {
    ListQuery query =
        ListQuery.sorted(
            input("{\"SortOrder\": \"Ascending\"}"), List.of("CreationTime", "LastModifiedTime"));

    assertThat(names(pageOf(query))).containsExactly("a", "b", "c");
  }

  @Test
  void keepsOnlyWhatTheFilterKeeps() throws Exception {
    ListQuery query = ListQuery.paging(input("{}"));

    Pages.Page<Resource> page =
        query.page(RESOURCES, r -> !r.name().equals("b"), Resource::created, Resource::modified);

    assertThat(names(page)).containsExactly("c", "a");
  }

  @Test
  void cutsPagesThatTheNextTokenContinues() throws Exception {
    Pages.Page<Resource> first = pageOf(ListQuery.paging(input("{\"MaxResults\": 2}")));
    Pages.Page<Resource> second =
        pageOf(
            ListQuery.paging(
                input("{\"MaxResults\": 2, \"NextToken\": \"" + first.nextToken() + "\"}")));

    assertThat(names(first)).containsExactly("c", "b");
    assertThat(first.nextToken()).isNotBlank();
    assertThat(names(second)).containsExactly("a");
    assertThat(second.nextToken()).isNull();
  }

  @Test
  void reportsMaxResultsAndSortByOutsideTheirRulesTogether() throws Exception {
    JsonInput input = input("{\"MaxResults\": 0, \"SortBy\": \"LastModifiedTime\"}");
    ListQuery.sorted(input, List.of("CreationTime"));

    assertThatThrownBy(input::throwIfInvalid)
        .isInstanceOf(AwsServiceError.class)
        .hasMessage(
            "2 validation errors detected: Value '0' at 'maxResults' failed to satisfy"
                + " constraint: Member must have value greater than or equal to 1; Value"
                + " 'LastModifiedTime' at 'sortBy' failed to satisfy constraint: Member must"
                + " satisfy enum value set: [CreationTime]");
  }

  @Test
  void repliesWithTheSummariesAndTheNextTokenWhenMoreRemain() throws Exception {
    Pages.Page<Resource> page = pageOf(ListQuery.paging(input("{\"MaxResults\": 1}")));

    ServiceReply reply =
        ListQuery.reply("Resources", page, (resource, item) -> item.put("Name", resource.name()));

    ObjectNode expected = MAPPER.createObjectNode();
    expected.putArray("Resources").addObject().put("Name", "c");
    expected.put("NextToken", page.nextToken());
    assertThat(((ServiceReply.Json) reply).body()).isEqualTo(expected);
  }

  @Test
  void equalsAndContainsFiltersPassEveryValueWhenNotGiven() {
    assertThat(ListQuery.equalsFilter(null, "jane")).isTrue();
    assertThat(ListQuery.equalsFilter("jane", "jane")).isTrue();
    assertThat(ListQuery.equalsFilter("jane", "john")).isFalse();
    assertThat(ListQuery.containsFilter(null, "jane")).isTrue();
    assertThat(ListQuery.containsFilter("an", "jane")).isTrue();
    assertThat(ListQuery.containsFilter("jo", "jane")).isFalse();
  }
}

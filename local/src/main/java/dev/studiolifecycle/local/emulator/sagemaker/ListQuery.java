package dev.studiolifecycle.local.emulator.sagemaker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.studiolifecycle.local.emulator.ServiceReply;
import dev.studiolifecycle.local.emulator.json.JsonInput;
import dev.studiolifecycle.local.emulator.json.Pages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The members SageMaker's List calls share (NextToken, MaxResults, SortOrder, SortBy) and what they
 * do with them: keep the matching resources, order them, cut a page and answer it with a NextToken.
 * Each call keeps its own filters and summary fields.
 */
record ListQuery(String nextToken, int maxResults, String sortOrder, String sortBy) {

  private static final int DEFAULT_MAX_RESULTS = 10;
  private static final int MAX_RESULTS = 100;

  /** Reads NextToken and MaxResults between {@code min} and {@code max} ({@code fallback}). */
  static ListQuery paging(JsonInput input, int min, int max, int fallback) {
    String token = input.optionalString("NextToken", SageMakerConstraints.NEXT_TOKEN, 8192);
    int maxResults = input.optionalInt("MaxResults", min, max, fallback);
    return new ListQuery(token, maxResults, null, null);
  }

  /** Reads NextToken and MaxResults (1 to 100, default 10): a list that has one order. */
  static ListQuery paging(JsonInput input) {
    return paging(input, 1, MAX_RESULTS, DEFAULT_MAX_RESULTS);
  }

  /** Reads NextToken, MaxResults, SortOrder, and SortBy as one of {@code sortKeys}. */
  static ListQuery sorted(JsonInput input, List<String> sortKeys) {
    ListQuery paging = paging(input);
    String sortOrder = input.optionalEnum("SortOrder", SageMakerConstraints.SORT_ORDERS);
    String sortBy = input.optionalEnum("SortBy", sortKeys);
    return new ListQuery(paging.nextToken, paging.maxResults, sortOrder, sortBy);
  }

  /**
   * The page of the resources that {@code filter} keeps, newest first unless SortOrder is
   * Ascending, by creation time unless SortBy is LastModifiedTime.
   */
  <T> Pages.Page<T> page(
      Collection<T> resources,
      Predicate<T> filter,
      Function<T, Instant> creationTime,
      Function<T, Instant> lastModifiedTime) {
    List<T> selected = new ArrayList<>();
    for (T resource : resources) {
      if (filter.test(resource)) {
        selected.add(resource);
      }
    }
    Function<T, Instant> key = "LastModifiedTime".equals(sortBy) ? lastModifiedTime : creationTime;
    Comparator<T> ascending = Comparator.comparing(key);
    selected.sort("Ascending".equals(sortOrder) ? ascending : ascending.reversed());
    return page(selected);
  }

  /** The page of {@code items}, in their order. */
  <T> Pages.Page<T> page(List<T> items) {
    return Pages.of(items, nextToken, maxResults);
  }

  /**
   * The reply of a List call: the page's items under {@code member}, each summarised by {@code
   * summary}, and the NextToken when more remain.
   */
  static <T> ServiceReply reply(
      String member, Pages.Page<T> page, BiConsumer<T, ObjectNode> summary) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode list = out.putArray(member);
    for (T item : page.items()) {
      summary.accept(item, list.addObject());
    }
    putNextToken(out, page);
    return ServiceReply.json(out);
  }

  /**
   * ListUserProfiles and ListSpaces: DomainIdEquals and a name filter ({@code containsMember}),
   * sorted by CreationTime or LastModifiedTime; each item under {@code member} gives DomainId, its
   * name under {@code nameMember}, Status and both times, then what {@code more} adds.
   */
  static <T extends DomainChild> ServiceReply listInDomains(
      JsonInput input,
      Collection<T> children,
      String containsMember,
      String member,
      String nameMember,
      BiConsumer<T, ObjectNode> more) {
    ListQuery query = sorted(input, List.of("CreationTime", "LastModifiedTime"));
    String domainId = SageMakerConstraints.optionalDomainId(input, "DomainIdEquals");
    String contains = SageMakerConstraints.optionalName(input, containsMember);
    input.throwIfInvalid();
    Pages.Page<T> page =
        query.page(
            children,
            c -> equalsFilter(domainId, c.domainId) && containsFilter(contains, c.name),
            c -> c.creationTime,
            c -> c.timeline.changedAt());
    return reply(
        member,
        page,
        (child, item) -> {
          item.put("DomainId", child.domainId);
          item.put(nameMember, child.name);
          item.put("Status", child.status().wireName());
          item.set("CreationTime", StudioResources.timestamp(child.creationTime));
          item.set("LastModifiedTime", StudioResources.timestamp(child.timeline.changedAt()));
          more.accept(child, item);
        });
  }

  static void putNextToken(ObjectNode out, Pages.Page<?> page) {
    if (page.nextToken() != null) {
      out.put("NextToken", page.nextToken());
    }
  }

  /** Whether {@code value} passes an Equals filter (no filter: every value passes). */
  static boolean equalsFilter(String filter, String value) {
    return filter == null || filter.equals(value);
  }

  /** Whether {@code value} passes a Contains filter (no filter: every value passes). */
  static boolean containsFilter(String filter, String value) {
    return filter == null || value.contains(filter);
  }
}

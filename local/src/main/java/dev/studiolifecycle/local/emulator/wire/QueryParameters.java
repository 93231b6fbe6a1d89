package dev.studiolifecycle.local.emulator.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The flat parameters of a query-protocol request ({@code Tags.member.1.Key=...}), with the list
 * conventions of the protocol ({@code X.member.N}, {@code X.entry.N}) made readable.
 */
public record QueryParameters(Map<String, String> values) {

  /** Reads the flat object that the request log and {@code ServiceRequest.input()} carry. */
  public static QueryParameters of(JsonNode flat) {
    Map<String, String> values = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = flat.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      values.put(field.getKey(), field.getValue().asText());
    }
    return new QueryParameters(values);
  }

  public static QueryParameters of(Map<String, String> values) {
    return new QueryParameters(new LinkedHashMap<>(values));
  }

  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  /**
   * The members of a list of structures, e.g. {@code members("Tags.member")} for {@code
   * Tags.member.1.Key}, in index order, each seen with its own prefix removed. Stops at the first
   * missing index, as AWS does.
   */
  public List<QueryParameters> members(String prefix) {
    List<QueryParameters> members = new ArrayList<>();
    for (int index = 1; ; index++) {
      String itemPrefix = prefix + "." + index + ".";
      Map<String, String> item = new LinkedHashMap<>();
      for (Map.Entry<String, String> entry : values.entrySet()) {
        if (entry.getKey().startsWith(itemPrefix)) {
          item.put(entry.getKey().substring(itemPrefix.length()), entry.getValue());
        }
      }
      if (item.isEmpty()) {
        return members;
      }
      members.add(new QueryParameters(item));
    }
  }

  /** The values of a list of strings, e.g. {@code strings("PolicyArns.member")}. */
  public List<String> strings(String prefix) {
    List<String> items = new ArrayList<>();
    for (int index = 1; ; index++) {
      String value = values.get(prefix + "." + index);
      if (value == null) {
        return items;
      }
      items.add(value);
    }
  }

  /** The flat object form, for the request log. */
  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    values.forEach(node::put);
    return node;
  }
}

package dev.studiolifecycle.local.emulator.scenario;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import dev.studiolifecycle.local.LocalJson;
import dev.studiolifecycle.local.emulator.AwsEmulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads scenario files (strict JSON: unknown fields are errors) and applies them to an emulator.
 * Every error names the file and the field, e.g. {@code sagemaker.domains[0].apps[1].status}.
 */
public final class ScenarioLoader {

  private ScenarioLoader() {}

  public static Scenario load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ScenarioException("scenario file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new ScenarioException("cannot read scenario file " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /** Parses scenario JSON; {@code source} names it in error messages. */
  public static Scenario parse(String json, String source) {
    try {
      Scenario scenario = LocalJson.STRICT.forType(Scenario.class).readValue(json);
      if (scenario == null) {
        throw new ScenarioException("scenario " + source + " is empty: expected a JSON object");
      }
      return scenario;
    } catch (JsonMappingException e) {
      throw new ScenarioException(
          "scenario "
              + source
              + ": at "
              + path(e)
              + ": "
              + e.getOriginalMessage().lines().findFirst().orElse(""),
          e);
    } catch (JsonProcessingException e) {
      throw new ScenarioException(
          "scenario " + source + " is not valid JSON: " + LocalJson.problem(e), e);
    }
  }

  /** Builds an emulator with the scenario's settings that must be known up front. */
  public static AwsEmulator.Builder configure(Scenario scenario, AwsEmulator.Builder builder) {
    if (scenario.randomSeed() != null) {
      builder.randomSeed(scenario.randomSeed());
    }
    return builder;
  }

  /** Seeds the emulator and installs the faults, in dependency order (policies, roles, ...). */
  public static void apply(Scenario scenario, AwsEmulator emulator) {
    ScenarioPath at = new ScenarioPath("");
    if (scenario.timings() != null) {
      emulator
          .sageMaker()
          .setTimings(ScenarioSeeds.timings(scenario.timings(), at.field("timings")));
    }
    if (scenario.iam() != null) {
      ScenarioSeeds.applyIam(scenario.iam(), emulator, at.field("iam"));
    }
    if (scenario.sns() != null) {
      at.field("sns")
          .each(
              "topics",
              scenario.sns().topics(),
              (topic, here) -> here.run(() -> emulator.sns().seedTopic(topic)));
    }
    Scenario.IdentityCenter directory = scenario.identityCenter();
    if (directory != null) {
      ScenarioSeeds.applyDirectory(directory, emulator, at.field("identityCenter"));
    }
    if (scenario.sagemaker() != null) {
      ScenarioSeeds.applySageMaker(scenario.sagemaker(), emulator, at.field("sagemaker"));
    }
    if (directory != null) {
      ScenarioSeeds.applyAssignments(directory, emulator, at.field("identityCenter"));
    }
    if (scenario.faults() != null) {
      ScenarioFaults.applyFaults(scenario.faults(), emulator, at.field("faults"));
    }
    if (scenario.timeline() != null) {
      ScenarioTimeline.applyTimeline(scenario.timeline(), emulator, at);
    }
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "(top level)" : path.toString();
  }
}

package dev.studiolifecycle.local.emulator.sagemaker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The SageMaker API model's constraints on the members the emulator reads. */
final class SageMakerConstraints {

  static final Pattern NAME = Pattern.compile("[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");
  static final Pattern DOMAIN_ID = Pattern.compile("d-(-*[a-z0-9]){1,61}");
  static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+");
  static final Pattern IMAGE_ARN =
      Pattern.compile(
          "arn:aws(-[\\w]+)*:sagemaker:.+:[0-9]{12}:image/[a-zA-Z0-9]([-.]?[a-zA-Z0-9])*");
  static final Pattern IMAGE_VERSION_ARN =
      Pattern.compile(
          "(arn:aws(-[\\w]+)*:sagemaker:.+:[0-9]{12}:image-version/[a-z0-9]([-.]?[a-z0-9])*/[0-9]+"
              + "|None)");
  static final Pattern LIFECYCLE_CONFIG_ARN =
      Pattern.compile(
          "(arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:studio-lifecycle-config/.*|None)");
  static final Pattern IMAGE_NAME = Pattern.compile("[a-zA-Z0-9]([-.]?[a-zA-Z0-9]){0,62}");
  static final Pattern SECURITY_GROUP = Pattern.compile("[-0-9a-zA-Z]+");
  static final Pattern VPC_ID = Pattern.compile("[-0-9a-zA-Z]+");
  static final Pattern SUBNET_ID = Pattern.compile("[-0-9a-zA-Z]+");
  static final Pattern S3_URI = Pattern.compile("(https|s3)://([^/]+)/?(.*)");
  static final Pattern KMS_KEY = Pattern.compile("[a-zA-Z0-9:/_-]*");
  static final Pattern RESOURCE_ARN =
      Pattern.compile("arn:aws[a-z-]*:sagemaker:[a-z0-9-]*:[0-9]{12}:.+");
  static final Pattern TAG_TEXT = Pattern.compile("([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)");
  static final Pattern NEXT_TOKEN = Pattern.compile(".*");
  static final Pattern SSO_IDENTIFIER = Pattern.compile("UserName");
  static final Pattern DISPLAY_NAME = Pattern.compile("(?!\\s*$).+");

  static final int NAME_MAX = 63;
  static final int ROLE_ARN_MAX = 2048;
  static final int MAX_TAGS = 50;

  static final List<String> APP_TYPES =
      List.of(
          "JupyterServer",
          "KernelGateway",
          "DetailedProfiler",
          "TensorBoard",
          "CodeEditor",
          "JupyterLab",
          "RStudioServerPro",
          "RSessionGateway",
          "Canvas");
  static final List<String> AUTH_MODES = List.of("SSO", "IAM");
  static final List<String> SORT_ORDERS = List.of("Ascending", "Descending");
  static final List<String> SHARING_TYPES = List.of("Private", "Shared");
  static final List<String> FEATURE_STATUS = List.of("ENABLED", "DISABLED");
  static final List<String> ML_TOOLS =
      List.of(
          "DataWrangler",
          "FeatureStore",
          "EmrClusters",
          "AutoMl",
          "Experiments",
          "Training",
          "ModelEvaluation",
          "Pipelines",
          "Models",
          "JumpStart",
          "InferenceRecommender",
          "Endpoints",
          "Projects",
          "InferenceOptimization",
          "PerformanceEvaluation",
          "LakeraGuard",
          "Comet",
          "DeepchecksLLMEvaluation",
          "Fiddler",
          "HyperPodClusters",
          "RunningInstances",
          "Datasets",
          "Evaluators");
  static final Set<String> INSTANCE_TYPES = loadInstanceTypes();

  private static final List<String> APP_SETTINGS_WITH_RESOURCE_SPEC =
      List.of(
          "JupyterServerAppSettings",
          "KernelGatewayAppSettings",
          "TensorBoardAppSettings",
          "RSessionAppSettings",
          "CodeEditorAppSettings",
          "JupyterLabAppSettings");

  private SageMakerConstraints() {}

  /** The DomainId member, checked against the model's pattern and length. */
  static String requiredDomainId(JsonInput input) {
    return input.requiredString("DomainId", DOMAIN_ID, NAME_MAX);
  }

  /** A member holding a domain id (a filter such as DomainIdEquals), or null when absent. */
  static String optionalDomainId(JsonInput input, String member) {
    return input.optionalString(member, DOMAIN_ID, NAME_MAX);
  }

  /** A member holding a resource name (user profile, space, app, domain name). */
  static String requiredName(JsonInput input, String member) {
    return input.requiredString(member, NAME, NAME_MAX);
  }

  /** A member holding a resource name, or null when absent. */
  static String optionalName(JsonInput input, String member) {
    return input.optionalString(member, NAME, NAME_MAX);
  }

  /** Checks a UserSettings structure (CreateUserProfile, UpdateUserProfile, CreateDomain). */
  static void checkUserSettings(JsonInput settings) {
    if (settings == null) {
      return;
    }
    settings.optionalString("ExecutionRole", ROLE_ARN, ROLE_ARN_MAX);
    String executionRole = settings.optionalString("ExecutionRole", null, Integer.MAX_VALUE);
    if (executionRole != null && executionRole.length() < 20) {
      settings.violation(
          "ExecutionRole", executionRole, "Member must have length greater than or equal to 20");
    }
    settings.optionalStringList("SecurityGroups", 5, SECURITY_GROUP, null);
    JsonInput sharing = settings.optionalObject("SharingSettings");
    if (sharing != null) {
      sharing.optionalEnum("NotebookOutputOption", List.of("Allowed", "Disabled"));
      sharing.optionalString("S3OutputPath", S3_URI, 1024);
      sharing.optionalString("S3KmsKeyId", KMS_KEY, 2048);
    }
    checkAppSettings(settings);
    JsonInput rstudio = settings.optionalObject("RStudioServerProAppSettings");
    if (rstudio != null) {
      rstudio.optionalEnum("AccessStatus", FEATURE_STATUS);
      rstudio.optionalEnum("UserGroup", List.of("R_STUDIO_ADMIN", "R_STUDIO_USER"));
    }
    JsonInput canvas = settings.optionalObject("CanvasAppSettings");
    if (canvas != null) {
      JsonInput forecasting = canvas.optionalObject("TimeSeriesForecastingSettings");
      if (forecasting != null) {
        forecasting.optionalEnum("Status", FEATURE_STATUS);
        forecasting.optionalString("AmazonForecastRoleArn", ROLE_ARN, ROLE_ARN_MAX);
      }
      JsonInput modelRegister = canvas.optionalObject("ModelRegisterSettings");
      if (modelRegister != null) {
        modelRegister.optionalEnum("Status", FEATURE_STATUS);
        modelRegister.optionalString("CrossAccountModelRegisterRoleArn", ROLE_ARN, ROLE_ARN_MAX);
      }
      for (String feature : List.of("DirectDeploySettings", "KendraSettings")) {
        JsonInput featureSettings = canvas.optionalObject(feature);
        if (featureSettings != null) {
          featureSettings.optionalEnum("Status", FEATURE_STATUS);
        }
      }
      JsonInput generativeAi = canvas.optionalObject("GenerativeAiSettings");
      if (generativeAi != null) {
        generativeAi.optionalString("AmazonBedrockRoleArn", ROLE_ARN, ROLE_ARN_MAX);
      }
    }
    settings.optionalString("DefaultLandingUri", null, 1023);
    settings.optionalEnum("StudioWebPortal", FEATURE_STATUS);
    settings.optionalEnum("AutoMountHomeEFS", List.of("Enabled", "Disabled", "DefaultAsDomain"));
    JsonInput portal = settings.optionalObject("StudioWebPortalSettings");
    if (portal != null) {
      portal.optionalStringList("HiddenMlTools", Integer.MAX_VALUE, null, ML_TOOLS);
      portal.optionalStringList("HiddenAppTypes", Integer.MAX_VALUE, null, APP_TYPES);
      portal.optionalStringList("HiddenInstanceTypes", Integer.MAX_VALUE, null, INSTANCE_TYPES);
    }
    JsonInput posix = settings.optionalObject("CustomPosixUserConfig");
    if (posix != null) {
      posix.optionalLong("Uid", 10000, 4000000);
      posix.optionalLong("Gid", 1001, 4000000);
    }
    JsonInput storage = settings.optionalObject("SpaceStorageSettings");
    if (storage != null) {
      JsonInput ebs = storage.optionalObject("DefaultEbsStorageSettings");
      if (ebs != null) {
        ebs.optionalInt("DefaultEbsVolumeSizeInGb", 5, 16384, 5);
        ebs.optionalInt("MaximumEbsVolumeSizeInGb", 5, 16384, 5);
      }
    }
  }

  /** Checks a SpaceSettings structure (CreateSpace). */
  static void checkSpaceSettings(JsonInput settings) {
    if (settings == null) {
      return;
    }
    checkAppSettings(settings);
    settings.optionalEnum("AppType", APP_TYPES);
    settings.optionalEnum("SpaceManagedResources", FEATURE_STATUS);
    settings.optionalEnum("RemoteAccess", FEATURE_STATUS);
    JsonInput storage = settings.optionalObject("SpaceStorageSettings");
    if (storage != null) {
      JsonInput ebs = storage.optionalObject("EbsStorageSettings");
      if (ebs != null) {
        ebs.optionalInt("EbsVolumeSizeInGb", 5, 16384, 5);
      }
    }
  }

  /** Checks a ResourceSpec (CreateApp, and the default specs of app settings). */
  static void checkResourceSpec(JsonInput spec) {
    if (spec == null) {
      return;
    }
    spec.optionalString("SageMakerImageArn", IMAGE_ARN, 256);
    spec.optionalString("SageMakerImageVersionArn", IMAGE_VERSION_ARN, 256);
    spec.optionalString("SageMakerImageVersionAlias", null, 128);
    spec.optionalEnum("InstanceType", INSTANCE_TYPES);
    spec.optionalString("LifecycleConfigArn", LIFECYCLE_CONFIG_ARN, 256);
  }

  /** Reads a TagList ({@code [{"Key": .., "Value": ..}]}), checking the model's rules. */
  static Map<String, String> readTags(JsonInput input, String member) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (JsonInput tag : input.optionalObjectList(member, MAX_TAGS)) {
      String key = tag.requiredString("Key", TAG_TEXT, 128);
      String value = tag.requiredString("Value", TAG_TEXT, 256);
      if (key != null && key.isEmpty()) {
        tag.violation("Key", key, "Member must have length greater than or equal to 1");
      }
      if (key != null && value != null) {
        tags.put(key, value);
      }
    }
    return tags;
  }

  private static void checkAppSettings(JsonInput settings) {
    for (String appSettings : APP_SETTINGS_WITH_RESOURCE_SPEC) {
      JsonInput app = settings.optionalObject(appSettings);
      if (app == null) {
        continue;
      }
      checkResourceSpec(app.optionalObject("DefaultResourceSpec"));
      for (JsonInput image : app.optionalObjectList("CustomImages", 200)) {
        image.requiredString("ImageName", IMAGE_NAME, 63);
        image.optionalInt("ImageVersionNumber", 0, Integer.MAX_VALUE, 0);
        image.requiredString("AppImageConfigName", NAME, NAME_MAX);
      }
      app.optionalStringList("LifecycleConfigArns", Integer.MAX_VALUE, LIFECYCLE_CONFIG_ARN, null);
    }
  }

  private static Set<String> loadInstanceTypes() {
    try (InputStream in = SageMakerConstraints.class.getResourceAsStream("app-instance-types.txt");
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      // Insertion order kept so that enum violations list the values as the model does.
      Set<String> types = new LinkedHashSet<>();
      reader.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(types::add);
      return Collections.unmodifiableSet(types);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read app-instance-types.txt", e);
    }
  }
}

package dev.studiolifecycle.observability;

import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.StringLayout;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginElement;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.layout.AbstractStringLayout;

/**
 * Wraps the JSON layout and masks every e-mail address in the finished line, so nothing logged
 * carries one: not this project's messages, not an event Powertools logs when {@code
 * POWERTOOLS_LOGGER_LOG_EVENT} is switched on, not an exception from a library.
 */
@Plugin(
    name = "EmailMaskingLayout",
    category = Node.CATEGORY,
    elementType = Layout.ELEMENT_TYPE,
    printObject = true)
public final class EmailMaskingLayout extends AbstractStringLayout {

  private final StringLayout delegate;

  private EmailMaskingLayout(StringLayout delegate) {
    super(delegate.getCharset() == null ? StandardCharsets.UTF_8 : delegate.getCharset());
    this.delegate = delegate;
  }

  /** Log4j's factory: the nested layout is the one whose output gets masked. */
  @PluginFactory
  public static EmailMaskingLayout create(@PluginElement("Layout") Layout<?> layout) {
    if (!(layout instanceof StringLayout stringLayout)) {
      throw new IllegalArgumentException(
          "EmailMaskingLayout needs one nested text layout, such as JsonTemplateLayout");
    }
    return new EmailMaskingLayout(stringLayout);
  }

  @Override
  public String toSerializable(LogEvent event) {
    return EmailMask.mask(delegate.toSerializable(event));
  }
}

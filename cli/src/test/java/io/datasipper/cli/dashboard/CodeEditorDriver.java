package io.datasipper.cli.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** The transform editor's CodeMirror, written in as a user types into it. */
final class CodeEditorDriver {
  static final String EDITOR = "document.querySelector('[data-testid=editor]')";
  static final String SHADOW = EDITOR + "?.shadowRoot";

  private CodeEditorDriver() {}

  /**
   * Replaces the editor's text as a user does: select all, delete, then type line by line with Enter
   * between. The editor indents each new line itself, so each line is typed without its indentation.
   * Waits for the editor first, whose code loads apart from the page's. Returns the editor's text
   * once the last line shows.
   */
  static String replaceText(PageDriver page, String text, Duration wait) throws IOException, InterruptedException {
    if (!page.waitFor("!!" + SHADOW + "?.querySelector('.cm-content')", JsonNode::asBoolean, wait).asBoolean()) {
      throw new AssertionError("the code editor did not show in " + wait.toSeconds() + " s");
    }
    page.evaluate(SHADOW + ".querySelector('.cm-content').focus(); true");
    page.selectAll();
    page.press("Backspace");
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (i > 0) {
        page.press("Enter");
      }
      page.type(lines.get(i).strip());
    }
    String last = lines.getLast().strip();
    return page.waitFor(SHADOW + ".querySelector('.cm-content').innerText", v -> v.asText().endsWith(last), wait)
        .asText();
  }
}

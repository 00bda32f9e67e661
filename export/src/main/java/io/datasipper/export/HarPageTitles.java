package io.datasipper.export;

import java.util.HashMap;
import java.util.Map;

/**
 * The titles of a HAR file's pages by page id: an imported entry's {@code pageref} becomes its
 * source's tab, and the page's title, when it is a URL (as DataSipper and Chrome write it), its
 * document URL. Few: one per page.
 */
final class HarPageTitles {
  private final Map<String, String> urls = new HashMap<>();

  void read(HarField pages) {
    for (int i = 0, n = pages.arraySize(); i < n; i++) {
      HarField page = pages.at(i).requireObject();
      String title = page.get("title").optionalText();
      if (title != null && (title.startsWith("http://") || title.startsWith("https://"))) {
        urls.put(page.get("id").text(), title);
      }
    }
  }

  /** The document URL of the page, or null. */
  String title(String pageId) {
    return urls.get(pageId);
  }
}

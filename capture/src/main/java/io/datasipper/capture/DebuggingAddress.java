package io.datasipper.capture;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Whether a DevTools address is on this machine. The protocol has no authentication and ws:// no
 * encryption: whoever reaches a debugging port drives the browser and reads all its traffic, so
 * DataSipper attaches only to loopback addresses unless the user allows remote ones.
 */
public final class DebuggingAddress {
  private DebuggingAddress() {}

  /**
   * Whether every address the URL's host names is a loopback address. A name is resolved; one
   * that does not resolve is not known to be local.
   */
  public static boolean isLoopback(URI url) {
    String host = url.getHost();
    if (host == null) {
      return false;
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      InetAddress[] addresses = InetAddress.getAllByName(host);
      for (InetAddress a : addresses) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return addresses.length > 0;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** Throws {@link IllegalArgumentException}, naming {@code what} and how to allow it, unless on loopback. */
  public static void requireLoopback(URI url, String what) {
    if (!isLoopback(url)) {
      throw new IllegalArgumentException(what + " " + url + " is not a loopback address: the DevTools protocol"
          + " has no authentication and ws:// no encryption, so anyone who reaches it drives the browser and"
          + " reads its traffic; pass --allow-remote to attach anyway");
    }
  }
}

package io.datasipper.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The name a capture puts in every event's source, so that consumers of many capture machines
 * publishing to one place can tell them apart.
 */
final class NodeName {
  /** As long as a DNS name: a host name always fits. */
  private static final int MAX_LENGTH = 253;
  private static final Path KERNEL_HOST_NAME = Path.of("/proc/sys/kernel/hostname");

  private NodeName() {}

  /** {@code --node NAME} checked, or the host name when it was not given. */
  static String of(String given) {
    if (given == null) {
      return hostName();
    }
    if (given.isBlank() || given.length() > MAX_LENGTH || given.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw UserError.usage("--node '" + given + "' is not a node name: give 1 to " + MAX_LENGTH
          + " characters, not only spaces, without control characters");
    }
    return given;
  }

  /**
   * The kernel's host name where there is one: {@link InetAddress#getLocalHost} may ask DNS, which
   * on a machine with a slow resolver would hold up the capture's start.
   */
  private static String hostName() {
    try {
      String name = Files.readString(KERNEL_HOST_NAME).strip();
      if (!name.isEmpty()) {
        return name;
      }
    } catch (IOException e) {
      // Not Linux: ask Java.
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}

package io.datasipper.capture;

import com.sun.security.auth.module.UnixSystem;

/** Who this process runs as, from the operating system rather than from the changeable user.name property. */
final class ProcessUser {
  private ProcessUser() {}

  /** Whether the process's real uid is 0: Chromium then refuses to start with its sandbox. */
  static boolean isRoot() {
    return new UnixSystem().getUid() == 0;
  }
}

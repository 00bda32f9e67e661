package io.datasipper.store;

import java.nio.file.Path;

/** A second process for the lock tests: takes a lock, says so, and holds it until killed or its input ends. */
public final class HoldLock {
  private HoldLock() {}

  public static void main(String[] args) throws Exception {
    DataDirLock lock = DataDirLock.acquire(Path.of(args[0]), DataDirLock.Kind.valueOf(args[1]), args[2]);
    System.out.println("locked");
    System.out.flush();
    while (System.in.read() != -1) {
      // holds the lock until the test closes our input or kills us
    }
    lock.close();
  }
}

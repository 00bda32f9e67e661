package io.datasipper.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap in use right after each collection, from the collectors' notifications: the live data
 * plus whatever that collection left (a young collection leaves the old generation as it was). The
 * pools' own "collection usage" is no substitute under G1: the old generation's is only updated by
 * the rare mixed or full collections, while large frames live there as humongous objects.
 */
final class HeapAfterGc implements AutoCloseable {
  private final AtomicLong highestSinceTaken = new AtomicLong();
  private final AtomicLong last = new AtomicLong();
  private final NotificationListener listener = this::onNotification;

  HeapAfterGc() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(listener, null, null);
      }
    }
  }

  private void onNotification(Notification n, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
    long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(MemoryUsage::getUsed).sum();
    last.set(used);
    highestSinceTaken.accumulateAndGet(used, Math::max);
  }

  /**
   * The highest heap after a collection since the last call, or the last one known if no collection
   * ran since.
   */
  long takeHighest() {
    long highest = highestSinceTaken.getAndSet(0);
    return highest > 0 ? highest : last.get();
  }

  @Override
  public void close() {
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        try {
          emitter.removeNotificationListener(listener);
        } catch (javax.management.ListenerNotFoundException e) {
          // never added to this one
        }
      }
    }
  }
}

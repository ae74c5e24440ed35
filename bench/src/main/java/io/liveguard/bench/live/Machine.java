package io.liveguard.bench.live;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine and this JVM, as the lives benchmark reports them. */
final class Machine {

	private Machine() {
	}

	/** The 1, 5 and 15 minute load averages. */
	static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2] + " (1, 5, 15 min)";
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	/** CPU time of this JVM, all its threads (GC and JIT too). */
	static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/** Used heap after asking for two full collections. */
	static long usedHeapAfterGc(MemoryMXBean memory) {
		for (int i = 0; i < 2; i++) {
			System.gc();
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}

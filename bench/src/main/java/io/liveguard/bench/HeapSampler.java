package io.liveguard.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Samples the used heap in the background every 20 ms and keeps the highest value. */
public final class HeapSampler extends Thread {

	private volatile boolean running = true;

	private long peak;

	public HeapSampler() {
		super("heap-sampler");
		setDaemon(true);
	}

	@Override
	public void run() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		while (this.running) {
			this.peak = Math.max(this.peak, memory.getHeapMemoryUsage().getUsed());
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	/** Stops sampling and answers the highest used heap seen, in bytes. */
	public long finish() {
		this.running = false;
		try {
			join();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return this.peak;
	}

}

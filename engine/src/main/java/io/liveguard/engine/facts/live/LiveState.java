package io.liveguard.engine.facts.live;

import java.util.HashMap;
import java.util.Map;

/**
 * One live's running state, the single fact deciding rules change: its strikes, how many
 * actions it decided (which numbers the next), whether it was stopped, when each code
 * last counted or reminded, and what Java tells it before each signal (the newest
 * {@code at}, the latest viewers). Two small maps keyed by code are all it keeps of the
 * past, so a live's memory does not grow with its signals.
 */
public final class LiveState {

	private final String liveId;

	private final long startedAt;

	private long newestAt;

	private long viewers;

	private int strikes;

	private int actions;

	private boolean stopped;

	private boolean productsChecked;

	private final Map<String, Long> lastCounted = new HashMap<>();

	private final Map<String, Long> lastReminded = new HashMap<>();

	public LiveState(String liveId, long startedAt) {
		this.liveId = liveId;
		this.startedAt = startedAt;
		this.newestAt = startedAt;
	}

	public String getLiveId() {
		return this.liveId;
	}

	/** When the live started, epoch milliseconds. */
	public long getStartedAt() {
		return this.startedAt;
	}

	/** The newest {@code at} received (not late), epoch milliseconds. */
	public long getNewestAt() {
		return this.newestAt;
	}

	/** The latest number of viewers sent, 0 when none was. */
	public long getViewers() {
		return this.viewers;
	}

	public int getStrikes() {
		return this.strikes;
	}

	/** Actions decided so far; the next is number {@code actions + 1}. */
	public int getActions() {
		return this.actions;
	}

	public boolean isStopped() {
		return this.stopped;
	}

	/** Whether the check for products not shown was made (it is made once). */
	public boolean isProductsChecked() {
		return this.productsChecked;
	}

	/**
	 * Whether {@code code} counts again at {@code at}: it never counted, or last counted
	 * more than {@code repeatMillis} before.
	 */
	public boolean countsAgain(String code, long at, long repeatMillis) {
		Long last = this.lastCounted.get(code);
		return last == null || at > last + repeatMillis;
	}

	/**
	 * Whether {@code code} may remind again at {@code at}: it never did, or more than
	 * {@code everyMillis} before.
	 */
	public boolean remindsAgain(String code, long at, long everyMillis) {
		Long last = this.lastReminded.get(code);
		return last == null || at > last + everyMillis;
	}

	/**
	 * A deciding fact: {@code code} counted at {@code at}, adding {@code added} strikes,
	 * with an action of {@code level}.
	 */
	public void strike(String code, long at, double added, ActionLevel level) {
		this.strikes += (int) added;
		this.actions++;
		this.lastCounted.put(code, at);
		if (level == ActionLevel.STOP) {
			this.stopped = true;
		}
	}

	/** A deciding fact: {@code code} reminded the host at {@code at}. */
	public void remind(String code, long at) {
		this.actions++;
		this.lastReminded.put(code, at);
	}

	/** A deciding fact: the products were checked. */
	public void checkProducts() {
		this.productsChecked = true;
	}

	/** Java, before a signal is judged: the newest {@code at} received. */
	public void advanceTo(long at) {
		this.newestAt = Math.max(this.newestAt, at);
	}

	/** Java, before a request's signals are judged: the viewers it sent. */
	public void viewers(long viewers) {
		this.viewers = viewers;
	}

}

package io.liveguard.engine.live;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.EntryPointId;
import org.drools.core.common.EqualityKey;
import org.drools.core.common.InternalFactHandle;
import org.drools.core.common.InternalWorkingMemory;
import org.jspecify.annotations.Nullable;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionConfiguration;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.conf.ClockTypeOption;
import org.kie.api.runtime.rule.AgendaGroup;
import org.kie.api.runtime.rule.EntryPoint;
import org.kie.api.runtime.rule.FactHandle;

/**
 * The sessions a pack's lives are judged in: Drools' pool of the live rules' sessions on
 * a pseudo clock, which a live takes for one request and gives back (reset) after it. A
 * session's network memory is the same for every live, about 40 KB once it has judged
 * signals; a live's own facts are a few KB. So a live holds its facts between requests,
 * and the pool holds as many sessions as requests are judged at once. Thread safe.
 */
final class LiveSessions {

	private static final Comparator<FactHandle> INSERTED = Comparator
		.comparingLong((handle) -> ((InternalFactHandle) handle).getId());

	/**
	 * Made once and shared by every session: made anew, it would load Drools'
	 * configuration files again (about 10 KB a live).
	 */
	private final KieSessionConfiguration pseudoClock;

	private final KieSessionsPool pool;

	/**
	 * The agenda groups of the live rules but the main one, which always has its turn.
	 */
	private final List<String> agendaGroups;

	LiveSessions(KieBase liveRules) {
		this.pseudoClock = KieServices.get().newKieSessionConfiguration();
		this.pseudoClock.setOption(ClockTypeOption.PSEUDO);
		this.pool = liveRules.newKieSessionsPool(0);
		Set<String> groups = new LinkedHashSet<>();
		for (KiePackage rulePackage : liveRules.getKiePackages()) {
			for (Rule rule : rulePackage.getRules()) {
				RuleImpl impl = (RuleImpl) rule;
				if (!impl.isMainAgendaGroup()) {
					groups.add(impl.getAgendaGroup());
				}
			}
		}
		this.agendaGroups = List.copyOf(groups);
	}

	/** A session of the pool, empty, its clock at 0; dispose it to give it back. */
	KieSession take() {
		return this.pool.newKieSession(this.pseudoClock);
	}

	/**
	 * Lets every match of the facts just inserted count as fired, as it did in the
	 * request that left them: each agenda group in turn gets the focus, and its matches
	 * are passed over without firing (Drools fires a match once, until one of its facts
	 * changes).
	 */
	void countAsFired(KieSession session) {
		for (String group : this.agendaGroups) {
			focus(session, group);
		}
		session.fireAllRules((match) -> false);
	}

	/**
	 * Gives the agenda group the focus, if the live rules have one of that name (Drools
	 * knows no group that has no rule).
	 */
	static void focus(KieSession session, String group) {
		AgendaGroup agendaGroup = session.getAgenda().getAgendaGroup(group);
		if (agendaGroup != null) {
			agendaGroup.setFocus();
		}
	}

	/**
	 * The session's facts in the order they were inserted, for the next request to insert
	 * again; null when the session holds what facts alone cannot carry: a timer or an
	 * event's expiry still to come, a fact inserted logically (it would come back
	 * stated), or a fact of another entry point than the default one.
	 */
	Object @Nullable [] factsOf(KieSession session) {
		if (((InternalWorkingMemory) session).getTimeToNextJob() >= 0) {
			return null;
		}
		for (EntryPoint entryPoint : session.getEntryPoints()) {
			if (!EntryPointId.DEFAULT.getEntryPointId().equals(entryPoint.getEntryPointId())
					&& entryPoint.getFactCount() > 0) {
				return null;
			}
		}
		// the session's own fact handles are those of the default entry point
		List<FactHandle> handles = new ArrayList<>(session.getFactHandles());
		handles.sort(INSERTED);
		Object[] facts = new Object[handles.size()];
		for (int i = 0; i < facts.length; i++) {
			InternalFactHandle handle = (InternalFactHandle) handles.get(i);
			EqualityKey key = handle.getEqualityKey();
			if (key != null && key.getStatus() == EqualityKey.JUSTIFIED) {
				return null;
			}
			facts[i] = handle.getObject();
		}
		return facts;
	}

}

package io.liveguard.batch.rulepack;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.liveguard.engine.rulepack.PackFile;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Rule pack versions and their files in the database. */
public class RulePackStore {

	private static final String SELECT_VERSION = """
			select pack_id, version, status, based_on, note, author, created_at, updated_at, published_by, published_at
			from rule_pack_version
			""";

	private final JdbcClient jdbc;

	public RulePackStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public boolean isEmpty() {
		return this.jdbc.sql("select count(*) from rule_pack").query(Long.class).single() == 0;
	}

	/** Every pack and its active version (null while none is active). */
	public Map<String, Integer> activeVersions() {
		Map<String, Integer> active = new LinkedHashMap<>();
		this.jdbc.sql("select pack_id, active_version from rule_pack order by pack_id").query((rs) -> {
			active.put(rs.getString(1), (rs.getObject(2) == null) ? null : rs.getInt(2));
		});
		return active;
	}

	public Optional<PackVersion> find(String packId, int version) {
		return this.jdbc.sql(SELECT_VERSION + " where pack_id = ? and version = ?")
			.params(packId, version)
			.query(this::map)
			.optional()
			.map((found) -> found.withFiles(files(packId, version)));
	}

	/** The versions of a pack without their files, newest first. */
	public List<PackVersion> versions(String packId) {
		return this.jdbc.sql(SELECT_VERSION + " where pack_id = ? order by version desc")
			.param(packId)
			.query(this::map)
			.list();
	}

	public void addPack(String packId) {
		this.jdbc.sql("insert into rule_pack (pack_id, active_version) values (?, null)").param(packId).update();
	}

	/**
	 * The next version number of a pack; the row lock keeps concurrent drafts from taking
	 * the same one.
	 */
	public int nextVersion(String packId) {
		this.jdbc.sql("update rule_pack set pack_id = pack_id where pack_id = ?").param(packId).update();
		return this.jdbc.sql("select coalesce(max(version), 0) + 1 from rule_pack_version where pack_id = ?")
			.param(packId)
			.query(Integer.class)
			.single();
	}

	public void addVersion(PackVersion version) {
		this.jdbc.sql("""
				insert into rule_pack_version
				  (pack_id, version, status, based_on, note, author, created_at, updated_at, published_by, published_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				""")
			.params(version.packId(), version.version(), version.status().name(), version.basedOn(), version.note(),
					version.author(), utc(version.createdAt()), utc(version.updatedAt()), version.publishedBy(),
					utc(version.publishedAt()))
			.update();
		writeFiles(version.packId(), version.version(), version.files());
	}

	/**
	 * Replaces a draft's files; false when the version is not a draft (published versions
	 * never change).
	 */
	public boolean replaceDraftFiles(String packId, int version, List<PackFile> files, Instant at) {
		int updated = this.jdbc.sql("""
				update rule_pack_version set updated_at = ? where pack_id = ? and version = ? and status = 'DRAFT'
				""").params(utc(at), packId, version).update();
		if (updated == 0) {
			return false;
		}
		this.jdbc.sql("delete from rule_pack_file where pack_id = ? and version = ?").params(packId, version).update();
		writeFiles(packId, version, files);
		return true;
	}

	/**
	 * Moves a version from one status to another ({@code DRAFT} to {@code PROPOSED} and
	 * back); false when it is not in {@code from} any more.
	 */
	public boolean changeStatus(String packId, int version, PackVersion.Status from, PackVersion.Status to,
			Instant at) {
		return this.jdbc.sql("""
				update rule_pack_version set status = ?, updated_at = ? where pack_id = ? and version = ? and status = ?
				""").params(to.name(), utc(at), packId, version, from.name()).update() == 1;
	}

	/**
	 * Makes {@code version} the active one: it becomes PUBLISHED (recording who published
	 * it the first time), the one it replaces RETIRED.
	 */
	public void activate(String packId, int version, String by, Instant at) {
		this.jdbc.sql("update rule_pack_version set status = 'RETIRED' where pack_id = ? and status = 'PUBLISHED'")
			.param(packId)
			.update();
		this.jdbc
			.sql("""
					update rule_pack_version
					set status = 'PUBLISHED', published_by = coalesce(published_by, ?), published_at = coalesce(published_at, ?)
					where pack_id = ? and version = ?
					""")
			.params(by, utc(at), packId, version)
			.update();
		this.jdbc.sql("update rule_pack set active_version = ? where pack_id = ?").params(version, packId).update();
		this.jdbc
			.sql("insert into rule_pack_activation (pack_id, version, activated_at, activated_by) values (?, ?, ?, ?)")
			.params(packId, version, utc(at), by)
			.update();
	}

	/**
	 * The version that was active at {@code instant}: the latest activation before it,
	 * else the first one.
	 */
	public Optional<Integer> activeAt(String packId, Instant instant) {
		return this.jdbc.sql("""
				select version from rule_pack_activation where pack_id = ? and activated_at <= ?
				order by activated_at desc, id desc limit 1
				""").params(packId, utc(instant)).query(Integer.class).optional().or(() -> this.jdbc.sql("""
				select version from rule_pack_activation where pack_id = ? order by activated_at, id limit 1
				""").param(packId).query(Integer.class).optional());
	}

	private void writeFiles(String packId, int version, List<PackFile> files) {
		for (PackFile file : files) {
			this.jdbc.sql("insert into rule_pack_file (pack_id, version, path, content) values (?, ?, ?, ?)")
				.params(packId, version, file.path(), file.content())
				.update();
		}
	}

	private List<PackFile> files(String packId, int version) {
		return this.jdbc.sql("select path, content from rule_pack_file where pack_id = ? and version = ? order by path")
			.params(packId, version)
			.query((rs, row) -> new PackFile(rs.getString(1), rs.getString(2)))
			.list();
	}

	private PackVersion map(ResultSet rs, int row) throws SQLException {
		return new PackVersion(rs.getString("pack_id"), rs.getInt("version"),
				PackVersion.Status.valueOf(rs.getString("status")),
				(rs.getObject("based_on") == null) ? null : rs.getInt("based_on"), rs.getString("note"),
				rs.getString("author"), instant(rs, "created_at"), instant(rs, "updated_at"),
				rs.getString("published_by"), optionalInstant(rs, "published_at"), List.of());
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}

	private static @Nullable Instant optionalInstant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value == null) ? null : value.toInstant();
	}

	private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return (instant == null) ? null : instant.atOffset(ZoneOffset.UTC);
	}

}

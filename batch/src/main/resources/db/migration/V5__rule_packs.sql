-- Rule packs as versioned data: every version's files, who wrote it and who published it. A published
-- version never changes; drafts do until they are published. Portable SQL (H2, PostgreSQL).
create table rule_pack (
  pack_id varchar(64) not null primary key,
  -- the version every scoring path uses now
  active_version int
);

create table rule_pack_version (
  pack_id varchar(64) not null references rule_pack (pack_id),
  version int not null,
  -- DRAFT, PUBLISHED (the active one), RETIRED (published once, replaced since)
  status varchar(16) not null,
  based_on int,
  note varchar(2000) not null,
  author varchar(64) not null,
  created_at timestamp with time zone not null,
  updated_at timestamp with time zone not null,
  published_by varchar(64),
  published_at timestamp with time zone,
  primary key (pack_id, version)
);

create table rule_pack_file (
  pack_id varchar(64) not null,
  version int not null,
  path varchar(300) not null,
  content text not null,
  primary key (pack_id, version, path),
  foreign key (pack_id, version) references rule_pack_version (pack_id, version)
);

-- Every activation (the seeding, each publication, each rollback), to know which version was live when.
create table rule_pack_activation (
  pack_id varchar(64) not null references rule_pack (pack_id),
  version int not null,
  activated_at timestamp with time zone not null,
  activated_by varchar(64) not null,
  primary key (pack_id, activated_at, version)
);

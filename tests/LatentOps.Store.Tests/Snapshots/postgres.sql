-- schema version 5

-- columns: table.column type nullable default
alias_moves.move_id bigint NOT NULL IDENTITY
alias_moves.model_id bigint NOT NULL
alias_moves.alias text NOT NULL
alias_moves.from_version integer NULL
alias_moves.to_version integer NOT NULL
alias_moves.kind text NOT NULL
alias_moves.reason text NULL
alias_moves.actor text NOT NULL
alias_moves.moved_at text NOT NULL
api_keys.id text NOT NULL
api_keys.secret_hash text NOT NULL
api_keys.scope text NOT NULL
api_keys.name text NULL
api_keys.created_at text NOT NULL
api_keys.created_by text NOT NULL
api_keys.revoked_at text NULL
audit_log.seq bigint NOT NULL
audit_log.at text NOT NULL
audit_log.actor text NOT NULL
audit_log.action text NOT NULL
audit_log.subject text NOT NULL
audit_log.details text NOT NULL
audit_log.prev_hash text NOT NULL
audit_log.hash text NOT NULL
dataset_lineage.child_name text NOT NULL
dataset_lineage.child_version integer NOT NULL
dataset_lineage.parent_name text NOT NULL
dataset_lineage.parent_version integer NOT NULL
dataset_versions.name text NOT NULL
dataset_versions.version integer NOT NULL
dataset_versions.content_hash text NOT NULL
dataset_versions.artifact_hash text NOT NULL
dataset_versions.artifact_size bigint NOT NULL
dataset_versions.row_count bigint NOT NULL
dataset_versions.column_count integer NOT NULL
dataset_versions.schema_json text NOT NULL
dataset_versions.label_column text NULL
dataset_versions.time_column text NULL
dataset_versions.id_column text NULL
dataset_versions.provenance_json text NOT NULL
dataset_versions.created_at text NOT NULL
dataset_versions.created_by text NOT NULL
datasets.name text NOT NULL
datasets.created_at text NOT NULL
experiments.experiment_id bigint NOT NULL IDENTITY
experiments.name text NOT NULL
experiments.created_at text NOT NULL
feature_sets.feature_set_id bigint NOT NULL IDENTITY
feature_sets.model_name text NOT NULL
feature_sets.model_version integer NOT NULL
feature_sets.dimension integer NOT NULL
feature_sets.row_count integer NOT NULL
feature_sets.artifact_hash text NOT NULL
feature_sets.created_at text NOT NULL
feature_sets.created_by text NOT NULL
feature_vectors.model_name text NOT NULL
feature_vectors.model_version integer NOT NULL
feature_vectors.entity_id text NOT NULL
feature_vectors.event_time text NOT NULL
feature_vectors.feature_set_id bigint NOT NULL
feature_vectors.vector bytea NOT NULL
feedback.request_id text NOT NULL
feedback.row_index integer NOT NULL
feedback.label text NOT NULL
feedback.at text NOT NULL
model_aliases.model_id bigint NOT NULL
model_aliases.alias text NOT NULL
model_aliases.version integer NOT NULL
model_aliases.updated_at text NOT NULL
model_versions.model_id bigint NOT NULL
model_versions.version integer NOT NULL
model_versions.run_id text NOT NULL
model_versions.package_hash text NOT NULL
model_versions.created_at text NOT NULL
model_versions.created_by text NOT NULL
registered_models.model_id bigint NOT NULL IDENTITY
registered_models.name text NOT NULL
registered_models.created_at text NOT NULL
registered_models.last_version integer NOT NULL DEFAULT 0
request_log.request_id text NOT NULL
request_log.at text NOT NULL
request_log.model text NOT NULL
request_log.version integer NOT NULL
request_log.endpoint text NOT NULL
request_log.row_count integer NOT NULL
request_log.inputs text NOT NULL
request_log.outputs text NOT NULL
request_log.latency_ms double precision NOT NULL
run_artifacts.run_id text NOT NULL
run_artifacts.path text NOT NULL
run_artifacts.hash text NOT NULL
run_artifacts.size bigint NOT NULL
run_datasets.run_id text NOT NULL
run_datasets.role text NOT NULL
run_datasets.dataset_name text NOT NULL
run_datasets.dataset_version integer NOT NULL
run_datasets.content_hash text NULL
run_datasets.source text NULL
run_metrics.metric_id bigint NOT NULL IDENTITY
run_metrics.run_id text NOT NULL
run_metrics.key text NOT NULL
run_metrics.step bigint NOT NULL
run_metrics.value double precision NULL
run_metrics.logged_at text NOT NULL
run_params.run_id text NOT NULL
run_params.key text NOT NULL
run_params.value text NOT NULL
run_tags.run_id text NOT NULL
run_tags.key text NOT NULL
run_tags.value text NOT NULL
runs.run_id text NOT NULL
runs.experiment_id bigint NOT NULL
runs.name text NOT NULL
runs.status text NOT NULL
runs.start_time text NOT NULL
runs.end_time text NULL
runs.source_commit text NULL
runs.created_by text NOT NULL
schema_migrations.version integer NOT NULL
schema_migrations.name text NOT NULL
schema_migrations.applied_at text NOT NULL
workspace_info.key text NOT NULL
workspace_info.value text NOT NULL

-- constraints
alias_moves c CHECK ((kind = ANY (ARRAY['set'::text, 'promote'::text, 'force'::text, 'rollback'::text])))
alias_moves f FOREIGN KEY (model_id) REFERENCES registered_models(model_id)
alias_moves p PRIMARY KEY (move_id)
api_keys c CHECK ((scope = ANY (ARRAY['read'::text, 'predict'::text, 'admin'::text])))
api_keys p PRIMARY KEY (id)
audit_log p PRIMARY KEY (seq)
audit_log u UNIQUE (hash)
dataset_lineage f FOREIGN KEY (child_name, child_version) REFERENCES dataset_versions(name, version)
dataset_lineage f FOREIGN KEY (parent_name, parent_version) REFERENCES dataset_versions(name, version)
dataset_lineage p PRIMARY KEY (child_name, child_version, parent_name, parent_version)
dataset_versions f FOREIGN KEY (name) REFERENCES datasets(name)
dataset_versions p PRIMARY KEY (name, version)
dataset_versions u UNIQUE (name, content_hash)
datasets p PRIMARY KEY (name)
experiments p PRIMARY KEY (experiment_id)
experiments u UNIQUE (name)
feature_sets p PRIMARY KEY (feature_set_id)
feature_vectors f FOREIGN KEY (feature_set_id) REFERENCES feature_sets(feature_set_id)
feature_vectors p PRIMARY KEY (model_name, model_version, entity_id, event_time)
feedback c CHECK ((row_index >= 0))
feedback f FOREIGN KEY (request_id) REFERENCES request_log(request_id)
feedback p PRIMARY KEY (request_id, row_index)
model_aliases f FOREIGN KEY (model_id, version) REFERENCES model_versions(model_id, version)
model_aliases p PRIMARY KEY (model_id, alias)
model_versions f FOREIGN KEY (model_id) REFERENCES registered_models(model_id)
model_versions f FOREIGN KEY (run_id) REFERENCES runs(run_id)
model_versions p PRIMARY KEY (model_id, version)
registered_models p PRIMARY KEY (model_id)
registered_models u UNIQUE (name)
request_log c CHECK ((endpoint = ANY (ARRAY['predict'::text, 'embed'::text])))
request_log c CHECK ((row_count >= 1))
request_log p PRIMARY KEY (request_id)
run_artifacts f FOREIGN KEY (run_id) REFERENCES runs(run_id)
run_artifacts p PRIMARY KEY (run_id, path)
run_datasets f FOREIGN KEY (run_id) REFERENCES runs(run_id)
run_datasets p PRIMARY KEY (run_id, role, dataset_name, dataset_version)
run_metrics f FOREIGN KEY (run_id) REFERENCES runs(run_id)
run_metrics p PRIMARY KEY (metric_id)
run_params f FOREIGN KEY (run_id) REFERENCES runs(run_id)
run_params p PRIMARY KEY (run_id, key)
run_tags f FOREIGN KEY (run_id) REFERENCES runs(run_id)
run_tags p PRIMARY KEY (run_id, key)
runs c CHECK ((status = ANY (ARRAY['running'::text, 'finished'::text, 'failed'::text, 'killed'::text])))
runs f FOREIGN KEY (experiment_id) REFERENCES experiments(experiment_id)
runs p PRIMARY KEY (run_id)
schema_migrations p PRIMARY KEY (version)
workspace_info p PRIMARY KEY (key)

-- indexes
CREATE INDEX alias_moves_by_alias ON alias_moves USING btree (model_id, alias, move_id)
CREATE UNIQUE INDEX alias_moves_pkey ON alias_moves USING btree (move_id)
CREATE UNIQUE INDEX api_keys_pkey ON api_keys USING btree (id)
CREATE UNIQUE INDEX audit_log_hash_key ON audit_log USING btree (hash)
CREATE UNIQUE INDEX audit_log_pkey ON audit_log USING btree (seq)
CREATE UNIQUE INDEX dataset_lineage_pkey ON dataset_lineage USING btree (child_name, child_version, parent_name, parent_version)
CREATE UNIQUE INDEX dataset_versions_name_content_hash_key ON dataset_versions USING btree (name, content_hash)
CREATE UNIQUE INDEX dataset_versions_pkey ON dataset_versions USING btree (name, version)
CREATE UNIQUE INDEX datasets_pkey ON datasets USING btree (name)
CREATE UNIQUE INDEX experiments_name_key ON experiments USING btree (name)
CREATE UNIQUE INDEX experiments_pkey ON experiments USING btree (experiment_id)
CREATE UNIQUE INDEX feature_sets_pkey ON feature_sets USING btree (feature_set_id)
CREATE UNIQUE INDEX feature_vectors_pkey ON feature_vectors USING btree (model_name, model_version, entity_id, event_time)
CREATE UNIQUE INDEX feedback_pkey ON feedback USING btree (request_id, row_index)
CREATE INDEX ix_dataset_lineage_parent ON dataset_lineage USING btree (parent_name, parent_version)
CREATE INDEX ix_dataset_versions_content_hash ON dataset_versions USING btree (content_hash)
CREATE UNIQUE INDEX model_aliases_pkey ON model_aliases USING btree (model_id, alias)
CREATE UNIQUE INDEX model_versions_pkey ON model_versions USING btree (model_id, version)
CREATE UNIQUE INDEX registered_models_name_key ON registered_models USING btree (name)
CREATE UNIQUE INDEX registered_models_pkey ON registered_models USING btree (model_id)
CREATE INDEX request_log_by_model ON request_log USING btree (model, at)
CREATE UNIQUE INDEX request_log_pkey ON request_log USING btree (request_id)
CREATE UNIQUE INDEX run_artifacts_pkey ON run_artifacts USING btree (run_id, path)
CREATE UNIQUE INDEX run_datasets_pkey ON run_datasets USING btree (run_id, role, dataset_name, dataset_version)
CREATE INDEX run_metrics_by_key ON run_metrics USING btree (run_id, key, step)
CREATE UNIQUE INDEX run_metrics_pkey ON run_metrics USING btree (metric_id)
CREATE UNIQUE INDEX run_params_pkey ON run_params USING btree (run_id, key)
CREATE UNIQUE INDEX run_tags_pkey ON run_tags USING btree (run_id, key)
CREATE INDEX runs_by_experiment ON runs USING btree (experiment_id, start_time)
CREATE UNIQUE INDEX runs_pkey ON runs USING btree (run_id)
CREATE UNIQUE INDEX schema_migrations_pkey ON schema_migrations USING btree (version)
CREATE UNIQUE INDEX workspace_info_pkey ON workspace_info USING btree (key)

-- triggers
audit_log audit_log_no_update BEFORE DELETE
audit_log audit_log_no_update BEFORE UPDATE

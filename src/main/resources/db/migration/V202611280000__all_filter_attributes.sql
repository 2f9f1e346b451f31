-- Why: every AwsSecurityFindingFilters attribute becomes filterable (and, if single-valued, sortable): a column
-- for each single value, value rows (finding_value) for the many-valued ones, which need no new columns.
-- Findings stored before this are re-projected from their documents at start-up (FindingReprojection),
-- tracked by projection_version.

ALTER TABLE finding ADD COLUMN aws_account_name VARCHAR(50)${text_collation};
ALTER TABLE finding ADD COLUMN description VARCHAR(1024)${text_collation};
ALTER TABLE finding ADD COLUMN recommendation_text VARCHAR(512)${text_collation};
ALTER TABLE finding ADD COLUMN source_url VARCHAR${text_collation};
ALTER TABLE finding ADD COLUMN severity_product DOUBLE PRECISION;
ALTER TABLE finding ADD COLUMN workflow_state VARCHAR(16)${text_collation};
ALTER TABLE finding ADD COLUMN note_text VARCHAR(512)${text_collation};
ALTER TABLE finding ADD COLUMN note_updated_by VARCHAR${text_collation};
ALTER TABLE finding ADD COLUMN note_updated_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE finding ADD COLUMN network_direction VARCHAR${text_collation};
ALTER TABLE finding ADD COLUMN network_protocol VARCHAR${text_collation};
ALTER TABLE finding ADD COLUMN network_source_domain VARCHAR${text_collation};
ALTER TABLE finding ADD COLUMN network_source_mac VARCHAR${text_collation};
ALTER TABLE finding ADD COLUMN network_source_port DOUBLE PRECISION;
ALTER TABLE finding ADD COLUMN network_source_ipv4 VARCHAR(8)${text_collation};
ALTER TABLE finding ADD COLUMN network_source_ipv6 VARCHAR(32)${text_collation};
ALTER TABLE finding ADD COLUMN network_destination_domain VARCHAR${text_collation};
ALTER TABLE finding ADD COLUMN network_destination_port DOUBLE PRECISION;
ALTER TABLE finding ADD COLUMN network_destination_ipv4 VARCHAR(8)${text_collation};
ALTER TABLE finding ADD COLUMN network_destination_ipv6 VARCHAR(32)${text_collation};
ALTER TABLE finding ADD COLUMN process_name VARCHAR${text_collation};
ALTER TABLE finding ADD COLUMN process_path VARCHAR${text_collation};
ALTER TABLE finding ADD COLUMN process_pid DOUBLE PRECISION;
ALTER TABLE finding ADD COLUMN process_parent_pid DOUBLE PRECISION;
ALTER TABLE finding ADD COLUMN process_launched_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE finding ADD COLUMN process_terminated_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE finding ADD COLUMN fpf_severity_label VARCHAR(16)${text_collation};
ALTER TABLE finding ADD COLUMN fpf_severity_original VARCHAR${text_collation};
ALTER TABLE finding ADD COLUMN fpf_confidence DOUBLE PRECISION;
ALTER TABLE finding ADD COLUMN fpf_criticality DOUBLE PRECISION;
ALTER TABLE finding ADD COLUMN sample BOOLEAN;
ALTER TABLE finding ADD COLUMN resource_tags VARCHAR;
ALTER TABLE finding ADD COLUMN resource_details_other VARCHAR;

-- The projection a row was written with; rows below FindingProjection.VERSION are re-projected.
ALTER TABLE finding ADD COLUMN projection_version INTEGER DEFAULT 1 NOT NULL;

-- Datasets uploaded as CSV. The file is parsed once, at upload, into float32 arrays that
-- jobs load as they are; the rest describes the dataset for the API without reading them.
CREATE TABLE datasets (
    name            TEXT PRIMARY KEY CHECK (name ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    task            TEXT        NOT NULL CHECK (task IN ('CLASSIFICATION', 'REGRESSION')),
    input_kind      TEXT        NOT NULL CHECK (input_kind IN ('TABULAR', 'IMAGE', 'SEQUENCE')),
    -- [features], [channels, height, width] or [features per step, steps]
    shape           JSONB       NOT NULL,
    feature_count   INTEGER     NOT NULL CHECK (feature_count > 0),
    -- classes (classification) or 1 (regression)
    output_count    INTEGER     NOT NULL CHECK (output_count > 0),
    row_count       INTEGER     NOT NULL CHECK (row_count > 0),
    -- class names sorted; a class's index is its position here. [] for regression
    classes         JSONB       NOT NULL,
    -- {"class": rows}; NULL for regression
    class_counts    JSONB,
    -- {"min", "max", "mean", "standardDeviation"} of the targets; NULL for classification
    label_summary   JSONB,
    label_column    TEXT        NOT NULL,
    -- header names of the feature columns, in the order of the values in a row
    feature_columns JSONB       NOT NULL,
    -- float32 little-endian, row-major: row_count × feature_count values
    features        BYTEA       NOT NULL,
    -- one value per row: the class index as int32 (classification) or the target as
    -- float32 (regression), little-endian
    labels          BYTEA       NOT NULL,
    filename        TEXT,
    -- of the uploaded file
    size_bytes      BIGINT      NOT NULL CHECK (size_bytes > 0),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK (octet_length(features) = 4::BIGINT * row_count * feature_count),
    CHECK (octet_length(labels) = 4::BIGINT * row_count)
);

-- Datasets uploaded as zips of images in ImageFolder layout. Their pixels are stored one
-- byte each (uint8) rather than as float32, and a train/val split of the uploader's own is
-- kept for jobs to use as it is.
ALTER TABLE datasets ADD COLUMN feature_encoding TEXT NOT NULL DEFAULT 'FLOAT32'
    CHECK (feature_encoding IN ('FLOAT32', 'UINT8'));

-- the size of the features follows their encoding (V4's check assumed float32)
ALTER TABLE datasets DROP CONSTRAINT datasets_check;
ALTER TABLE datasets ADD CONSTRAINT datasets_features_size_check CHECK (octet_length(features)
    = (CASE feature_encoding WHEN 'UINT8' THEN 1 ELSE 4 END)::BIGINT * row_count * feature_count);

-- images have neither a label column nor named feature columns
ALTER TABLE datasets ALTER COLUMN label_column DROP NOT NULL;
ALTER TABLE datasets ALTER COLUMN feature_columns DROP NOT NULL;

-- the last validation_rows rows are the upload's own val/ images; NULL: each job splits
ALTER TABLE datasets ADD COLUMN validation_rows INTEGER
    CHECK (validation_rows > 0 AND validation_rows < row_count);

-- {"channels", "height", "width", "trainImages", "validationImages", "channelMean",
-- "channelStd"} of a zip of images; NULL for CSV uploads
ALTER TABLE datasets ADD COLUMN image_summary JSONB;

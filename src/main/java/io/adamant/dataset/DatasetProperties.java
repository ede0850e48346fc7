package io.adamant.dataset;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits on uploaded datasets.
 *
 * @param maxUploadSize the largest CSV file or zip archive accepted;
 * {@code spring.servlet.multipart.*} follow it in {@code application.yaml}
 * @param maxClasses the most distinct labels a classification upload may have
 * @param images limits on zips of images and on the images sent to predict
 */
@Validated
@ConfigurationProperties("adamant.datasets")
public record DatasetProperties(@DefaultValue("50MB") DataSize maxUploadSize,
		@DefaultValue("1000") @Min(2) @Max(100_000) int maxClasses, @Valid @DefaultValue ImageLimits images) {

	/**
	 * What an ImageFolder zip, and each image in it, may hold. A zip of a few megabytes
	 * can expand to gigabytes and an image file of a few kilobytes to a gigapixel, so
	 * both are bounded before anything is held in memory.
	 *
	 * @param maxEntries entries (files and folders) one archive may have
	 * @param maxUncompressedSize all entries together, uncompressed
	 * @param maxCompressionRatio how many times larger than its compressed size an
	 * archive may expand; image files hardly compress, so a high ratio means a zip bomb
	 * @param maxFileSize one image file, uncompressed
	 * @param maxPixels width × height of one image as stored in its file, read from its
	 * header before it is decoded
	 * @param maxSide the largest width or height images may be resized to
	 */
	public record ImageLimits(@DefaultValue("50000") @Min(1) int maxEntries,
			@DefaultValue("1GB") DataSize maxUncompressedSize,
			@DefaultValue("100") @Min(1) @Max(1_000_000) int maxCompressionRatio,
			@DefaultValue("20MB") DataSize maxFileSize, @DefaultValue("25000000") @Min(1) long maxPixels,
			@DefaultValue("256") @Min(1) @Max(4096) int maxSide) {
	}

}

/**
 * External approval gates for pipeline approval actions. The pipeline engine that drives them arrives with the
 * pipelines feature; until then this package may change.
 *
 * @since 0.1
 */
@Experimental
package dev.slipway.api.approval;

import dev.slipway.api.Experimental;

package app.ebb.wear

import android.content.Intent
import androidx.wear.protolayout.ActionBuilders
import androidx.wear.protolayout.LayoutElementBuilders
import androidx.wear.protolayout.ModifiersBuilders
import androidx.wear.protolayout.ResourceBuilders
import androidx.wear.protolayout.TimelineBuilders
import androidx.wear.tiles.RequestBuilders
import androidx.wear.tiles.TileBuilders
import androidx.wear.tiles.TileService
import app.ebb.text
import com.google.common.util.concurrent.Futures
import com.google.common.util.concurrent.ListenableFuture

/** A tile whose one tap starts the breathing pacer; its word is the core's ("Breathe"). */
class BreathingTile : TileService() {
    override fun onTileRequest(request: RequestBuilders.TileRequest): ListenableFuture<TileBuilders.Tile> {
        val title = text("flow.timer.breathe") ?: ""
        val launch = ActionBuilders.LaunchAction.Builder()
            .setAndroidActivity(
                ActionBuilders.AndroidActivity.Builder()
                    .setPackageName(packageName)
                    .setClassName(WearActivity::class.java.name)
                    .addKeyToExtraMapping(WearActivity.EXTRA_BREATHE, ActionBuilders.AndroidBooleanExtra.Builder().setValue(true).build())
                    .build(),
            ).build()
        val text = LayoutElementBuilders.Text.Builder()
            .setText(title)
            .setModifiers(
                ModifiersBuilders.Modifiers.Builder()
                    .setClickable(ModifiersBuilders.Clickable.Builder().setId("breathe").setOnClick(launch).build())
                    .setSemantics(ModifiersBuilders.Semantics.Builder().setContentDescription(title).build())
                    .build(),
            ).build()
        val tile = TileBuilders.Tile.Builder()
            .setResourcesVersion(RESOURCES)
            .setTileTimeline(TimelineBuilders.Timeline.fromLayoutElement(text))
            .build()
        return Futures.immediateFuture(tile)
    }

    override fun onTileResourcesRequest(request: RequestBuilders.ResourcesRequest): ListenableFuture<ResourceBuilders.Resources> =
        Futures.immediateFuture(ResourceBuilders.Resources.Builder().setVersion(RESOURCES).build())

    private companion object {
        const val RESOURCES = "1"
    }
}

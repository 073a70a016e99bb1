package app.ebb.app

import app.ebb.platform.UrgeWidgetProvider
import app.ebb.platform.WidgetLayout

/** The home-screen widget in the app's own layout: one large button and a status line. */
class EbbWidget : UrgeWidgetProvider(WidgetLayout(R.layout.widget, R.id.start, R.id.status))

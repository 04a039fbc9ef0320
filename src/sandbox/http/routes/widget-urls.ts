import type { Routes } from '../router.js';
import { widgetConfig } from '../widget/config.js';
import { widgetStore } from '../widget/sessions.js';

export const widgetUrlRoutes: Routes = {
  '/users/:user_identifier/widget_urls': {
    POST: ({ app, version, params, body }) => {
      const user = app.user(params.user_guid ?? '');
      const config = widgetConfig(body, version);
      // "Load the widget into a specific member": one of this user's, or the same 404 as reading it would give.
      if (config.memberGuid !== null) app.member(user.guid, config.memberGuid);
      const token = widgetStore(app).mint(app, user.guid, config);
      // Both specs' WidgetResponse: type, url, user_id (the partner's id for the user, null when it has none).
      const widgetUrl = { type: 'connect_widget', url: `${app.url}/widget/connect/${token}`, user_id: user.id };
      return { status: 200, body: { widget_url: widgetUrl } };
    },
  },
};

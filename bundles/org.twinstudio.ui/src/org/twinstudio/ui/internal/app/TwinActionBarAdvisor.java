package org.twinstudio.ui.internal.app;

import org.eclipse.jface.action.GroupMarker;
import org.eclipse.jface.action.ICoolBarManager;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.action.ToolBarContributionItem;
import org.eclipse.jface.action.ToolBarManager;
import org.eclipse.swt.SWT;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.actions.ActionFactory.IWorkbenchAction;
import org.eclipse.ui.actions.ContributionItemFactory;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;

/** Menus and tool bar of the Twinstudio window: File, Edit, Window, Help. */
public class TwinActionBarAdvisor extends ActionBarAdvisor {

    public TwinActionBarAdvisor(IActionBarConfigurer configurer) {
        super(configurer);
    }

    private IWorkbenchAction add(IWorkbenchAction action) {
        register(action);
        return action;
    }

    private IWorkbenchAction newDropDown, save, saveAll, close, closeAll, importAction, exportAction, refresh,
            properties, quit, undo, redo, cut, copy, paste, delete, rename, selectAll, preferences, resetPerspective,
            about;

    @Override
    protected void makeActions(IWorkbenchWindow window) {
        newDropDown = add(ActionFactory.NEW_WIZARD_DROP_DOWN.create(window));
        save = add(ActionFactory.SAVE.create(window));
        saveAll = add(ActionFactory.SAVE_ALL.create(window));
        close = add(ActionFactory.CLOSE.create(window));
        closeAll = add(ActionFactory.CLOSE_ALL.create(window));
        importAction = add(ActionFactory.IMPORT.create(window));
        exportAction = add(ActionFactory.EXPORT.create(window));
        refresh = add(ActionFactory.REFRESH.create(window));
        properties = add(ActionFactory.PROPERTIES.create(window));
        quit = add(ActionFactory.QUIT.create(window));
        undo = add(ActionFactory.UNDO.create(window));
        redo = add(ActionFactory.REDO.create(window));
        cut = add(ActionFactory.CUT.create(window));
        copy = add(ActionFactory.COPY.create(window));
        paste = add(ActionFactory.PASTE.create(window));
        delete = add(ActionFactory.DELETE.create(window));
        rename = add(ActionFactory.RENAME.create(window));
        selectAll = add(ActionFactory.SELECT_ALL.create(window));
        preferences = add(ActionFactory.PREFERENCES.create(window));
        resetPerspective = add(ActionFactory.RESET_PERSPECTIVE.create(window));
        about = add(ActionFactory.ABOUT.create(window));
    }

    @Override
    protected void fillMenuBar(IMenuManager menuBar) {
        IWorkbenchWindow window = getActionBarConfigurer().getWindowConfigurer().getWindow();

        MenuManager file = new MenuManager("&File", IWorkbenchActionConstants.M_FILE);
        MenuManager newMenu = new MenuManager("&New", ActionFactory.NEW.getId());
        newMenu.add(ContributionItemFactory.NEW_WIZARD_SHORTLIST.create(window));
        file.add(newMenu);
        file.add(new GroupMarker(IWorkbenchActionConstants.NEW_EXT));
        file.add(new Separator());
        file.add(close);
        file.add(closeAll);
        file.add(new GroupMarker(IWorkbenchActionConstants.CLOSE_EXT));
        file.add(new Separator());
        file.add(save);
        file.add(saveAll);
        file.add(new GroupMarker(IWorkbenchActionConstants.SAVE_EXT));
        file.add(new Separator());
        file.add(rename);
        file.add(refresh);
        file.add(new Separator());
        file.add(importAction);
        file.add(exportAction);
        file.add(new Separator());
        file.add(properties);
        file.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
        file.add(new Separator());
        file.add(quit);
        file.add(new GroupMarker(IWorkbenchActionConstants.FILE_END));

        MenuManager edit = new MenuManager("&Edit", IWorkbenchActionConstants.M_EDIT);
        edit.add(new GroupMarker(IWorkbenchActionConstants.EDIT_START));
        edit.add(undo);
        edit.add(redo);
        edit.add(new GroupMarker(IWorkbenchActionConstants.UNDO_EXT));
        edit.add(new Separator());
        edit.add(cut);
        edit.add(copy);
        edit.add(paste);
        edit.add(new GroupMarker(IWorkbenchActionConstants.CUT_EXT));
        edit.add(new Separator());
        edit.add(delete);
        edit.add(selectAll);
        edit.add(new Separator());
        // text editors put Find Next/Previous and Incremental Find here (they fail to open without it)
        edit.add(new GroupMarker(IWorkbenchActionConstants.FIND_EXT));
        edit.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
        edit.add(new GroupMarker(IWorkbenchActionConstants.EDIT_END));

        MenuManager windowMenu = new MenuManager("&Window", IWorkbenchActionConstants.M_WINDOW);
        MenuManager showView = new MenuManager("Show &View", "showView");
        showView.add(ContributionItemFactory.VIEWS_SHORTLIST.create(window));
        windowMenu.add(showView);
        windowMenu.add(resetPerspective);
        windowMenu.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
        windowMenu.add(new Separator());
        windowMenu.add(preferences);

        MenuManager help = new MenuManager("&Help", IWorkbenchActionConstants.M_HELP);
        help.add(new GroupMarker(IWorkbenchActionConstants.HELP_START));
        help.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
        help.add(new GroupMarker(IWorkbenchActionConstants.HELP_END));
        help.add(new Separator());
        help.add(about);

        menuBar.add(file);
        menuBar.add(edit);
        menuBar.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        menuBar.add(windowMenu);
        menuBar.add(help);
    }

    @Override
    protected void fillCoolBar(ICoolBarManager coolBar) {
        IToolBarManager toolBar = new ToolBarManager(SWT.FLAT | SWT.RIGHT);
        toolBar.add(newDropDown);
        toolBar.add(new GroupMarker(IWorkbenchActionConstants.NEW_EXT));
        toolBar.add(save);
        toolBar.add(saveAll);
        toolBar.add(new Separator());
        toolBar.add(undo);
        toolBar.add(redo);
        toolBar.add(new Separator(IWorkbenchActionConstants.MB_ADDITIONS));
        coolBar.add(new ToolBarContributionItem(toolBar, IWorkbenchActionConstants.TOOLBAR_FILE));
        coolBar.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
    }
}

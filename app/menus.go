package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/osaki-city/kinkyu/i18n"
)

// shortcut is Ctrl+key (⌘ on a Mac); the main menu both shows and handles it.
func shortcut(key fyne.KeyName, shift bool) fyne.Shortcut {
	mod := fyne.KeyModifierShortcutDefault
	if shift {
		mod |= fyne.KeyModifierShift
	}
	return &desktop.CustomShortcut{KeyName: key, Modifier: mod}
}

func menuItem(label string, action func(), sc fyne.Shortcut) *fyne.MenuItem {
	return &fyne.MenuItem{Label: label, Action: action, Shortcut: sc}
}

// buildMenu makes the menus ファイル, 事案, 文書, 設定, ヘルプ. Items that need a case
// file are disabled while none is open.
func (w *mainWindow) buildMenu() *fyne.MainMenu {
	noFile := w.store == nil

	saveCopy := menuItem(i18n.T("app.menu.save_copy"), w.onSaveCopy, shortcut(fyne.KeyS, true))
	saveCopy.Disabled = noFile
	// Quitting closes the window, which first saves what the forms still hold.
	quit := menuItem(i18n.T("app.menu.quit"), w.onClose, shortcut(fyne.KeyQ, false))
	quit.IsQuit = true
	file := fyne.NewMenu(i18n.T("app.menu.file"),
		menuItem(i18n.T("app.menu.new_file"), w.onNewFile, shortcut(fyne.KeyN, true)),
		menuItem(i18n.T("app.menu.open"), w.onOpen, shortcut(fyne.KeyO, false)),
		saveCopy,
		fyne.NewMenuItemSeparator(),
		quit,
	)

	newCase := menuItem(i18n.T("app.menu.new_case"), w.onNewCase, shortcut(fyne.KeyN, false))
	newCase.Disabled = noFile
	search := menuItem(i18n.T("app.menu.search"), w.onSearch, shortcut(fyne.KeyF, false))
	search.Disabled = noFile
	// Ctrl+Enter records the line typed in the timeline's quick entry (and
	// elsewhere goes there); Ctrl+L goes there; Ctrl+S saves the forms now.
	addEntry := menuItem(i18n.T("app.menu.add_entry"), w.onAddEntry, shortcut(fyne.KeyReturn, false))
	addEntry.Disabled = noFile
	timeline := menuItem(i18n.T("app.menu.timeline"), w.onFocusTimeline, shortcut(fyne.KeyL, false))
	timeline.Disabled = noFile
	save := menuItem(i18n.T("app.menu.save"), w.onFlush, shortcut(fyne.KeyS, false))
	save.Disabled = noFile
	contacts := menuItem(i18n.T("contactui.menu"), w.onContacts, shortcut(fyne.KeyK, false))
	contacts.Disabled = noFile
	// Ctrl+Tab and Ctrl+Shift+Tab: the next and the previous tab of the case,
	// the cursor in its first field (Tab alone moves between fields).
	nextTab := menuItem(i18n.T("app.menu.next_tab"), func() { w.onSwitchTab(1) }, shortcut(fyne.KeyTab, false))
	nextTab.Disabled = noFile
	prevTab := menuItem(i18n.T("app.menu.prev_tab"), func() { w.onSwitchTab(-1) }, shortcut(fyne.KeyTab, true))
	prevTab.Disabled = noFile
	cases := fyne.NewMenu(i18n.T("app.menu.case"), newCase, search, fyne.NewMenuItemSeparator(), addEntry, timeline, nextTab, prevTab, save,
		fyne.NewMenuItemSeparator(), contacts)

	documents := fyne.NewMenu(i18n.T("app.menu.documents"),
		menuItem(i18n.T("app.menu.blank_forms"), w.onBlankForms, nil),
		&fyne.MenuItem{Label: i18n.T("reportui.menu"), Action: w.onCreateReport, Shortcut: shortcut(fyne.KeyP, false), Disabled: noFile},
		&fyne.MenuItem{Label: i18n.T("reportui.verify_menu"), Action: w.onVerifyPDF, Disabled: noFile})

	settings := fyne.NewMenu(i18n.T("app.menu.settings"),
		menuItem(i18n.T("app.menu.preferences"), w.onSettings, shortcut(fyne.KeyComma, false)))

	help := fyne.NewMenu(i18n.T("app.menu.help"),
		menuItem(i18n.T("app.menu.regulation"), w.onRegulation, nil),
		fyne.NewMenuItemSeparator(),
		menuItem(i18n.T("app.menu.about"), w.onAbout, nil),
	)
	return fyne.NewMainMenu(file, cases, documents, settings, help)
}

/** The command line: one program, host or CLI; parseArgs's options per command; usage errors that say what is wrong. */
import { describe, expect, it } from 'vitest'
import { isBrowserLaunch, parseCommand, UsageError } from '../../../src/companion/args.ts'

const ID = 'abcdefghijklmnopabcdefghijklmnop'

describe('isBrowserLaunch', () => {
  it.each([
    [['chrome-extension://abcdefghijklmnopabcdefghijklmnop/'], true],
    [['chrome-extension://abcdefghijklmnopabcdefghijklmnop/', '--parent-window=0'], true],
    [['/home/u/.mozilla/native-messaging-hosts/dev.vigie.scanner.json', 'vigie@vigie.dev'], true],
    [['C:\\Users\\Zoë\\AppData\\Local\\Vigie\\dev.vigie.scanner.firefox.json', 'vigie@vigie.dev'], true],
    [['install'], false],
    [['doctor', '--json'], false],
    [['--version'], false],
    [['x.json'], false],
  ])('%j: host %s', (argv, host) => expect(isBrowserLaunch(argv, true)).toBe(host))
  it('is the host with no argument when frames come through a pipe, the CLI at a terminal', () => {
    expect(isBrowserLaunch([], false)).toBe(true)
    expect(isBrowserLaunch([], true)).toBe(false)
  })
})

describe('parseCommand', () => {
  it('reads install with repeated browsers and ids', () => {
    expect(
      parseCommand([
        'install',
        '--browser',
        'chrome',
        '--browser',
        'Brave',
        '--browser',
        'firefox-flatpak',
        '--extension-id',
        ID,
        '--dry-run',
      ]),
    ).toEqual({
      command: 'install',
      targets: [
        { browser: 'chrome', flatpak: false },
        { browser: 'brave', flatpak: false },
        { browser: 'firefox', flatpak: true },
      ],
      extensionIds: [ID],
      dryRun: true,
    })
  })
  it('takes --profile with Chromium by default, and Firefox beside it through --home', () => {
    expect(parseCommand(['install', '--profile', '/p', '--extension-id', ID])).toMatchObject({
      targets: [{ browser: 'chromium', flatpak: false }],
      profile: '/p',
    })
    expect(
      parseCommand(['install', '--profile', '/p', '--home', '/h', '--browser', 'chromium', '--browser', 'firefox']),
    ).toMatchObject({ profile: '/p', home: '/h' })
  })
  it('reads doctor, uninstall, --version and --help', () => {
    expect(parseCommand(['doctor', '--json'])).toEqual({ command: 'doctor', targets: [], extensionIds: [], json: true })
    expect(parseCommand(['uninstall', '--home', '/h'])).toEqual({
      command: 'uninstall',
      targets: [],
      home: '/h',
      dryRun: false,
    })
    expect(parseCommand(['--version'])).toEqual({ command: 'version' })
    expect(parseCommand(['-h'])).toEqual({ command: 'help' })
  })
  it.each([
    [[], /a command is needed/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['install', 'now'], /unexpected argument "now"/],
    [['install', '--browser', 'safari'], /unknown browser "safari"/],
    [['install', '--extension-id', 'not-an-id'], /not a Chromium extension id/],
    [['install', '--extension-id', ID.toUpperCase()], /not a Chromium extension id/],
    [['install', '--profile'], /--profile/],
    [['install', '--colour', 'red'], /Unknown option '--colour'/],
    [['install', '--json'], /--json does not apply to install/],
    [['uninstall', '--extension-id', ID], /--extension-id does not apply to uninstall/],
    [['doctor', '--dry-run'], /--dry-run does not apply to doctor/],
    [['install', '--profile', '/p', '--browser', 'chrome', '--browser', 'edge'], /one Chromium-family browser/],
    [['install', '--profile', '/p', '--browser', 'chromium-flatpak'], /Flatpak/],
    [['install', '--home', ''], /--home needs a folder/],
  ])('refuses %j with a usage error', (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError)
    expect(() => parseCommand(argv)).toThrow(message)
  })
})

<#
    The module's help, without PlatyPS (only the PowerShell Gallery serves it, which this
    project's machines cannot reach). The markdown in docs/en-US follows PlatyPS's schema 2.0.0
    so PlatyPS can take over unchanged:

      Update-HelpMarkdown   writes or refreshes one markdown file per exported cmdlet from the
                            built module: SYNTAX, the parameter YAML blocks, INPUTS and OUTPUTS
                            come from the cmdlet's metadata; the words (synopsis, description,
                            examples, parameter descriptions, notes) are kept as written.
      ConvertTo-MamlHelp    compiles the markdown into the MAML file Get-Help reads
                            (en-US/NfsCinder.dll-Help.xml).
      Read-HelpMarkdown     parses one file (the tests use it to compare with Get-Help).
#>
Set-StrictMode -Version Latest

$script:Placeholder = '{{ Fill in'
$script:CommonParameters = [System.Management.Automation.Internal.CommonParameters].GetProperties().Name +
    [System.Management.Automation.Internal.ShouldProcessParameters].GetProperties().Name

function Read-HelpMarkdown {
    <# Parses a PlatyPS-style markdown help file into its sections. #>
    param([Parameter(Mandatory)] [string] $Path)
    $lines = (Get-Content $Path -Raw) -replace "`r`n", "`n" -split "`n"
    $help = [ordered]@{
        Name = $null; Synopsis = ''; Syntax = ''; Description = ''; Examples = @(); Parameters = [ordered]@{}
        Inputs = @(); Outputs = @(); Notes = ''; Links = @()
    }
    $section = $null; $sub = $null; $buffer = [System.Collections.Generic.List[string]]::new()
    $flush = {
        $text = ($buffer -join "`n").Trim()
        switch ($section) {
            'SYNOPSIS' { $help.Synopsis = $text }
            'SYNTAX' { $help.Syntax = $text }
            'DESCRIPTION' { $help.Description = $text }
            'EXAMPLES' { if ($sub) { $help.Examples += ConvertFrom-ExampleText $sub $text } }
            'PARAMETERS' { if ($sub -and $sub -ne 'CommonParameters') { $help.Parameters[$sub.TrimStart('-')] = ConvertFrom-ParameterText $text } }
            'INPUTS' { if ($sub) { $help.Inputs += [pscustomobject]@{ Type = $sub; Description = $text } } }
            'OUTPUTS' { if ($sub) { $help.Outputs += [pscustomobject]@{ Type = $sub; Description = $text } } }
            'NOTES' { $help.Notes = $text }
            'RELATED LINKS' { $help.Links = @($text -split "`n" | Where-Object { $_ -match '^\[' }) }
        }
        $buffer.Clear()
    }
    $inFront = $false; $inFence = $false
    for ($i = 0; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if ($i -eq 0 -and $line -eq '---') { $inFront = $true; continue }
        if ($inFront) { if ($line -eq '---') { $inFront = $false }; continue }
        if ($line -match '^```') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^# (\S+)\s*$' -and -not $help.Name) { $help.Name = $Matches[1]; continue }
        if (-not $inFence -and $line -match '^## (.+?)\s*$') { & $flush; $section = $Matches[1]; $sub = $null; continue }
        if (-not $inFence -and $line -match '^### (.+?)\s*$' -and $section -in 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS') {
            & $flush; $sub = $Matches[1]; continue
        }
        $buffer.Add($line)
    }
    & $flush
    [pscustomobject]$help
}

function ConvertFrom-ExampleText([string] $Title, [string] $Text) {
    # The first fenced block is the code, the prose after it the remarks.
    $code = ''; $remarks = $Text
    if ($Text -match '(?s)^(?<before>.*?)```[a-z]*\n(?<code>.*?)\n```(?<after>.*)$') {
        $code = $Matches.code
        $remarks = ($Matches.before.Trim() + "`n`n" + $Matches.after.Trim()).Trim()
    }
    [pscustomobject]@{ Title = $Title; Code = $code; Remarks = $remarks }
}

function ConvertFrom-ParameterText([string] $Text) {
    $description = $Text; $yaml = @{}
    if ($Text -match '(?s)^(?<desc>.*?)```yaml\n(?<yaml>.*?)\n```') {
        $description = $Matches.desc.Trim()
        foreach ($line in $Matches.yaml -split "`n") {
            if ($line -match '^([A-Za-z ]+):\s?(.*)$') { $yaml[$Matches[1]] = $Matches[2].Trim() }
        }
    }
    [pscustomobject]@{ Description = $description; Yaml = $yaml }
}

function Get-XmlDocSummary {
    <# Summaries from the assembly's XML documentation, keyed by member id (T:..., P:...). #>
    param([string] $XmlPath)
    $map = @{}
    if (-not (Test-Path $XmlPath)) { return $map }
    foreach ($member in ([xml](Get-Content $XmlPath -Raw)).doc.members.member) {
        $summary = $member.SelectSingleNode('summary')
        if (-not $summary) { continue }
        $para = $summary.SelectSingleNode("para[@type='synopsis']")
        $text = if ($para) { $para.InnerText } else { $summary.InnerText }
        $map[$member.name] = (($text -replace '\s+', ' ').Trim())
    }
    $map
}

function Format-TypeName([type] $Type) {
    if ($Type -eq [System.Management.Automation.SwitchParameter]) { return 'SwitchParameter' }
    $nullable = [Nullable]::GetUnderlyingType($Type)
    if ($nullable) { return (Format-TypeName $nullable) }
    if ($Type.IsArray) { return (Format-TypeName $Type.GetElementType()) + '[]' }
    if ($Type.Namespace -in 'System', 'System.Management.Automation') { return $Type.Name }
    $Type.FullName
}

function Format-DefaultValue($Cmdlet, [string] $Property) {
    $value = $Cmdlet.GetType().GetProperty($Property).GetValue($Cmdlet)
    if ($null -eq $value) { return 'None' }
    if ($value -is [System.Management.Automation.SwitchParameter]) { return 'False' }
    if ($value -is [array]) { if ($value.Count -eq 0) { return 'None' } else { return ($value -join ', ') } }
    if ($value -is [string] -and $value -eq '') { return 'None' }
    "$value"
}

function New-ParameterYaml($Command, $Parameter, $Instance) {
    $sets = @($Parameter.ParameterSets.Keys)
    $setText = if ($sets -contains '__AllParameterSets' -or $sets.Count -eq $Command.ParameterSets.Count) { '(All)' } else { $sets -join ', ' }
    $attributes = @($Parameter.ParameterSets.Values)
    $first = $attributes[0]
    $position = if ($first.Position -ge 0) { $first.Position } else { 'Named' }
    $pipeline = @()
    if ($attributes.ValueFromPipeline -contains $true) { $pipeline += 'ByValue' }
    if ($attributes.ValueFromPipelineByPropertyName -contains $true) { $pipeline += 'ByPropertyName' }
    $validateSet = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] }
    $wildcards = [bool]($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    $lines = @(
        '```yaml'
        "Type: $(Format-TypeName $Parameter.ParameterType)"
        "Parameter Sets: $setText"
        ("Aliases: $($Parameter.Aliases -join ', ')").TrimEnd()
    )
    if ($validateSet) { $lines += "Accepted values: $($validateSet.ValidValues -join ', ')" }
    elseif ($Parameter.ParameterType.IsEnum) { $lines += "Accepted values: $([Enum]::GetNames($Parameter.ParameterType) -join ', ')" }
    $lines += @(
        ''
        "Required: $(if ($attributes.IsMandatory -contains $true) { 'True' } else { 'False' })"
        "Position: $position"
        "Default value: $(Format-DefaultValue $Instance $Parameter.Name)"
        "Accept pipeline input: $(if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' })"
        "Accept wildcard characters: $wildcards"
        '```'
    )
    $lines -join "`n"
}

function Update-HelpMarkdown {
    <#
    .SYNOPSIS
        Writes docs/en-US/<Cmdlet>.md for every exported cmdlet of the imported module, keeping
        the words already written and regenerating what the code defines.
    #>
    param(
        [Parameter(Mandatory)] [string] $ModuleName,
        [Parameter(Mandatory)] [string] $OutputFolder
    )
    $module = Get-Module $ModuleName
    $docs = Get-XmlDocSummary (Join-Path $module.ModuleBase "$ModuleName.xml")
    New-Item $OutputFolder -ItemType Directory -Force | Out-Null
    foreach ($command in Get-Command -Module $ModuleName -CommandType Cmdlet | Sort-Object Name) {
        $path = Join-Path $OutputFolder "$($command.Name).md"
        $old = if (Test-Path $path) { Read-HelpMarkdown $path } else { $null }
        $type = $command.ImplementingType
        $instance = [Activator]::CreateInstance($type)
        $synopsis = if ($old -and $old.Synopsis) { $old.Synopsis } else { $docs["T:$($type.FullName)"] }

        $out = [System.Collections.Generic.List[string]]::new()
        $out.Add("---`nexternal help file: $ModuleName.dll-Help.xml`nModule Name: $ModuleName`nonline version:`nschema: 2.0.0`n---`n")
        $out.Add("# $($command.Name)`n")
        $out.Add("## SYNOPSIS`n$synopsis`n")
        $out.Add('## SYNTAX' + "`n")
        foreach ($set in $command.ParameterSets | Sort-Object { -not $_.IsDefault }, Name) {
            $setName = if ($set.Name -eq '__AllParameterSets') { 'All' } else { $set.Name }
            if ($command.ParameterSets.Count -gt 1 -or $set.Name -ne '__AllParameterSets') {
                $out.Add("### $setName$(if ($set.IsDefault -and $command.ParameterSets.Count -gt 1) { ' (Default)' })")
            }
            $out.Add('```' + "`n$($command.Name) $set`n" + '```' + "`n")
        }
        $description = if ($old -and $old.Description) { $old.Description } else { "$Placeholder Description }}" }
        $out.Add("## DESCRIPTION`n$description`n")
        $out.Add("## EXAMPLES`n")
        $examples = if ($old -and $old.Examples) { $old.Examples } else {
            @([pscustomobject]@{ Title = 'Example 1'; Code = "PS> $Placeholder Example Code }}"; Remarks = "$Placeholder Example Descripton }}" })
        }
        foreach ($example in $examples) {
            $out.Add("### $($example.Title)`n" + '```powershell' + "`n$($example.Code)`n" + '```' + "`n")
            if ($example.Remarks) { $out.Add("$($example.Remarks)`n") }
        }
        $out.Add("## PARAMETERS`n")
        # As Get-Command's syntax reads: positional parameters by position, then mandatory ones, then the rest by name.
        $parameters = $command.Parameters.Values | Where-Object { $_.Name -notin $CommonParameters } | Sort-Object `
            @{ Expression = { $p = @($_.ParameterSets.Values.Position | Where-Object { $_ -ge 0 }); if ($p) { $p[0] } else { [int]::MaxValue } } },
            @{ Expression = { -not ($_.ParameterSets.Values.IsMandatory -contains $true) } },
            Name
        foreach ($parameter in $parameters) {
            $text = if ($old -and $old.Parameters.Contains($parameter.Name)) { $old.Parameters[$parameter.Name].Description } else { $null }
            if (-not $text) {
                $declaring = $type.GetProperty($parameter.Name).DeclaringType.FullName
                $text = $docs["P:$declaring.$($parameter.Name)"]
                if (-not $text) { $text = "$Placeholder $($parameter.Name) Description }}" }
            }
            $out.Add("### -$($parameter.Name)`n$text`n`n$(New-ParameterYaml $command $parameter $instance)`n")
        }
        foreach ($name in 'WhatIf', 'Confirm') {
            if ($command.Parameters.ContainsKey($name)) {
                $text = if ($name -eq 'WhatIf') { 'Shows what would happen if the cmdlet runs. The cmdlet is not run.' } else { 'Prompts you for confirmation before running the cmdlet.' }
                $alias = if ($name -eq 'WhatIf') { 'wi' } else { 'cf' }
                $out.Add("### -$name`n$text`n`n" + '```yaml' + "`nType: SwitchParameter`nParameter Sets: (All)`nAliases: $alias`n`nRequired: False`nPosition: Named`nDefault value: None`nAccept pipeline input: False`nAccept wildcard characters: False`n" + '```' + "`n")
            }
        }
        $out.Add("### CommonParameters`nThis cmdlet supports the common parameters: -Debug, -ErrorAction, -ErrorVariable, -InformationAction, -InformationVariable, -OutVariable, -OutBuffer, -PipelineVariable, -ProgressAction, -Verbose, -WarningAction, and -WarningVariable. For more information, see [about_CommonParameters](http://go.microsoft.com/fwlink/?LinkID=113216).`n")
        $out.Add("## INPUTS`n")
        $inputTypes = @($command.Parameters.Values | Where-Object { $_.ParameterSets.Values.ValueFromPipeline -contains $true -or $_.ParameterSets.Values.ValueFromPipelineByPropertyName -contains $true } |
            ForEach-Object { Format-TypeName $_.ParameterType } | Select-Object -Unique)
        if (-not $inputTypes) { $inputTypes = @('None') }
        foreach ($input in $inputTypes) {
            $old_ = if ($old) { $old.Inputs | Where-Object Type -eq $input } else { $null }
            $out.Add("### $input`n$(if ($old_) { $old_.Description })`n")
        }
        $out.Add("## OUTPUTS`n")
        $outputTypes = @($command.OutputType | ForEach-Object { $_.Name } | Select-Object -Unique)
        if (-not $outputTypes) { $outputTypes = @('None') }
        foreach ($output in $outputTypes) {
            $old_ = if ($old) { $old.Outputs | Where-Object Type -eq $output } else { $null }
            $out.Add("### $output`n$(if ($old_) { $old_.Description })`n")
        }
        $out.Add("## NOTES`n$(if ($old) { $old.Notes })`n")
        $links = if ($old -and $old.Links) { $old.Links -join "`n`n" } else { '[about_NfsCinder](about_NfsCinder.md)' }
        $out.Add("## RELATED LINKS`n$links")
        $text = (($out -join "`n") -replace "\n{3,}", "`n`n").TrimEnd() + "`n"
        [IO.File]::WriteAllText($path, $text)
    }
}

function ConvertTo-MamlHelp {
    <# Compiles every docs/en-US/*.md (except about_ topics) into one MAML file. #>
    param(
        [Parameter(Mandatory)] [string] $MarkdownFolder,
        [Parameter(Mandatory)] [string] $OutputPath
    )
    $settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
    New-Item (Split-Path $OutputPath) -ItemType Directory -Force | Out-Null
    $writer = [System.Xml.XmlWriter]::Create($OutputPath, $settings)
    $maml = 'http://schemas.microsoft.com/maml/2004/10'
    $cmd = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    $dev = 'http://schemas.microsoft.com/maml/dev/2004/10'
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', 'http://msh')
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($file in Get-ChildItem $MarkdownFolder -Filter '*.md' | Where-Object Name -notlike 'about_*' | Sort-Object Name) {
            $help = Read-HelpMarkdown $file.FullName
            $verb, $noun = $help.Name -split '-', 2
            $writer.WriteStartElement('command', 'command', $cmd)
            $writer.WriteAttributeString('xmlns', 'maml', $null, $maml)
            $writer.WriteAttributeString('xmlns', 'command', $null, $cmd)
            $writer.WriteAttributeString('xmlns', 'dev', $null, $dev)
            $writer.WriteStartElement('details', $cmd)
            $writer.WriteElementString('name', $cmd, $help.Name)
            $writer.WriteElementString('verb', $cmd, $verb)
            $writer.WriteElementString('noun', $cmd, $noun)
            Write-Paragraphs $writer $maml 'description' $help.Synopsis
            $writer.WriteEndElement()
            Write-Paragraphs $writer $maml 'description' $help.Description

            # Syntax: one item per parameter set named in the parameters' YAML.
            $sets = @($help.Parameters.Values | ForEach-Object { $_.Yaml['Parameter Sets'] -split ',\s*' } | Where-Object { $_ -and $_ -ne '(All)' } | Select-Object -Unique)
            if (-not $sets) { $sets = @('(All)') }
            $writer.WriteStartElement('syntax', $cmd)
            foreach ($set in $sets) {
                $writer.WriteStartElement('syntaxItem', $cmd)
                $writer.WriteElementString('name', $maml, $help.Name)
                foreach ($name in $help.Parameters.Keys) {
                    $p = $help.Parameters[$name]
                    $inSets = $p.Yaml['Parameter Sets'] -split ',\s*'
                    if ($set -ne '(All)' -and $inSets -notcontains $set -and $inSets -notcontains '(All)') { continue }
                    Write-MamlParameter $writer $maml $cmd $dev $name $p
                }
                $writer.WriteEndElement()
            }
            $writer.WriteEndElement()

            $writer.WriteStartElement('parameters', $cmd)
            foreach ($name in $help.Parameters.Keys) { Write-MamlParameter $writer $maml $cmd $dev $name $help.Parameters[$name] }
            $writer.WriteEndElement()

            foreach ($kind in @(@{ List = 'inputTypes'; Item = 'inputType'; Values = $help.Inputs }, @{ List = 'returnValues'; Item = 'returnValue'; Values = $help.Outputs })) {
                $writer.WriteStartElement($kind.List, $cmd)
                foreach ($value in $kind.Values) {
                    $writer.WriteStartElement($kind.Item, $cmd)
                    $writer.WriteStartElement('type', $dev)
                    $writer.WriteElementString('name', $maml, $value.Type)
                    $writer.WriteEndElement()
                    Write-Paragraphs $writer $maml 'description' $value.Description
                    $writer.WriteEndElement()
                }
                $writer.WriteEndElement()
            }
            $writer.WriteStartElement('alertSet', $maml)
            $writer.WriteStartElement('alert', $maml)
            foreach ($para in (Split-Paragraph $help.Notes)) { $writer.WriteElementString('para', $maml, $para) }
            $writer.WriteEndElement()
            $writer.WriteEndElement()

            $writer.WriteStartElement('examples', $cmd)
            foreach ($example in $help.Examples) {
                $writer.WriteStartElement('example', $cmd)
                $writer.WriteElementString('title', $maml, "-------------------------- $($example.Title) --------------------------")
                $writer.WriteElementString('code', $dev, $example.Code)
                $writer.WriteStartElement('remarks', $dev)
                foreach ($para in (Split-Paragraph $example.Remarks)) { $writer.WriteElementString('para', $maml, $para) }
                $writer.WriteEndElement()
                $writer.WriteEndElement()
            }
            $writer.WriteEndElement()

            $writer.WriteStartElement('relatedLinks', $cmd)
            foreach ($link in $help.Links) {
                if ($link -notmatch '^\[(?<text>[^\]]*)\]\((?<uri>[^)]*)\)') { continue }
                $writer.WriteStartElement('navigationLink', $maml)
                $writer.WriteElementString('linkText', $maml, $Matches.text)
                $writer.WriteElementString('uri', $maml, $(if ($Matches.uri -match '^https?:') { $Matches.uri } else { '' }))
                $writer.WriteEndElement()
            }
            $writer.WriteEndElement()
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    }
    finally { $writer.Dispose() }
}

function Split-Paragraph([string] $Text) {
    # Blank lines separate paragraphs; single newlines inside one are joined as markdown renders them.
    @(($Text -replace "`r", '') -split "\n\s*\n" | ForEach-Object { ($_ -split "\n" | ForEach-Object Trim) -join ' ' } | Where-Object { $_ })
}

function Write-Paragraphs($Writer, [string] $Maml, [string] $Element, [string] $Text) {
    $Writer.WriteStartElement($Element, $Maml)
    foreach ($para in (Split-Paragraph $Text)) { $Writer.WriteElementString('para', $Maml, $para) }
    $Writer.WriteEndElement()
}

function Write-MamlParameter($Writer, $Maml, $Cmd, $Dev, [string] $Name, $Parameter) {
    $yaml = $Parameter.Yaml
    $type = $yaml['Type']
    $Writer.WriteStartElement('parameter', $Cmd)
    $Writer.WriteAttributeString('required', $yaml['Required'].ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', $(if ($type -like '*`[`]') { 'true' } else { 'false' }))
    $Writer.WriteAttributeString('globbing', "$($yaml['Accept wildcard characters'])".ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', $yaml['Accept pipeline input'])
    $Writer.WriteAttributeString('position', $(if ($yaml['Position'] -eq 'Named') { 'named' } else { $yaml['Position'] }))
    $Writer.WriteAttributeString('aliases', $(if ($yaml['Aliases']) { $yaml['Aliases'] } else { 'none' }))
    $Writer.WriteElementString('name', $Maml, $Name)
    Write-Paragraphs $Writer $Maml 'description' $Parameter.Description
    if ($type -ne 'SwitchParameter') {
        $Writer.WriteStartElement('parameterValue', $Cmd)
        $Writer.WriteAttributeString('required', 'true')
        $Writer.WriteAttributeString('variableLength', 'false')
        $Writer.WriteString($type)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('type', $Dev)
    $Writer.WriteElementString('name', $Maml, $type)
    $Writer.WriteEndElement()
    $Writer.WriteElementString('defaultValue', $Dev, $yaml['Default value'])
    $Writer.WriteEndElement()
}

Export-ModuleMember -Function Read-HelpMarkdown, Update-HelpMarkdown, ConvertTo-MamlHelp
